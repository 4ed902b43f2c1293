package com.videogenie.avatar.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes the source photo (JPEG, PNG, WebP or BMP) with OpenCV, which also turns it upright
 * according to its EXIF orientation. Grey and alpha images come out as 3-channel BGR. A file and
 * the same bytes given directly (a live session's upload) decode alike, under the same limits; the
 * size is checked on the header ({@link ImageHeader}) before any pixel is decoded.
 */
public final class PhotoLoader {
    /** 50 megapixels: larger than any camera photo needs, small enough to decode within memory limits. */
    public static final long MAX_PIXELS = 50_000_000L;
    /** Enough of a file for its size: JPEG metadata (EXIF, ICC) before the frame header stays well below. */
    private static final int HEADER_BYTES = 4 << 20;

    private PhotoLoader() {
    }

    public static RgbImage load(Path file) {
        String name = "the image " + file.getFileName();
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.UNREADABLE_IMAGE, "Cannot read " + name + ": " + e.getMessage(), e);
        }
        if (head.length < HEADER_BYTES) {
            // The whole file is in hand already: decode it rather than read it again.
            return decode(head, name);
        }
        checkHeader(head, name);
        try (Mat mat = opencv_imgcodecs.imread(file.toString(), IMREAD_COLOR)) {
            return toImage(mat, name);
        }
    }

    /** The photo from its file bytes; {@code name} says in errors which input it was ("the uploaded image"). */
    public static RgbImage decode(byte[] bytes, String name) {
        checkHeader(bytes, name);
        try (BytePointer pointer = new BytePointer(bytes);
             Mat buffer = new Mat(1, bytes.length, CV_8UC1, pointer);
             Mat mat = opencv_imgcodecs.imdecode(buffer, IMREAD_COLOR)) {
            return toImage(mat, name);
        }
    }

    /** Refuses other formats and oversized images before the decoder allocates their pixels. */
    private static void checkHeader(byte[] head, String name) {
        ImageHeader header = ImageHeader.read(head);
        if (header == null) {
            throw unreadable(name);
        }
        if (header.pixels() > MAX_PIXELS) {
            throw tooLarge(header.width(), header.height());
        }
    }

    private static RgbImage toImage(Mat mat, String name) {
        if (mat == null || mat.empty()) {
            throw unreadable(name);
        }
        if ((long) mat.cols() * mat.rows() > MAX_PIXELS) {
            throw tooLarge(mat.cols(), mat.rows());
        }
        RgbImage image = new RgbImage(mat.cols(), mat.rows());
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        continuous.data().get(image.bgr());
        return image;
    }

    private static AvatarException unreadable(String name) {
        return new AvatarException(ErrorCode.UNREADABLE_IMAGE, "Cannot decode " + name
                + ": not a JPEG, PNG, WebP or BMP file, or the file is damaged.");
    }

    private static AvatarException tooLarge(long width, long height) {
        return new AvatarException(ErrorCode.IMAGE_TOO_LARGE, "The image is " + width + "x" + height + "; at most "
                + MAX_PIXELS / 1_000_000 + " megapixels are accepted. Scale it down first.");
    }
}
