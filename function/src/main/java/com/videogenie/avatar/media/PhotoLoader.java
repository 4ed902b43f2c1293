package com.videogenie.avatar.media;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import java.nio.file.Path;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes the source photo (JPEG, PNG, WebP, BMP, ...) with OpenCV, which also turns it upright
 * according to its EXIF orientation. Grey and alpha images come out as 3-channel BGR. A file and
 * the same bytes given directly (a live session's upload) decode alike, under the same limits.
 */
public final class PhotoLoader {
    /** 50 megapixels: larger than any camera photo needs, small enough to decode within memory limits. */
    public static final long MAX_PIXELS = 50_000_000L;

    private PhotoLoader() {
    }

    public static RgbImage load(Path file) {
        try (Mat mat = opencv_imgcodecs.imread(file.toString(), IMREAD_COLOR)) {
            return toImage(mat, "the image " + file.getFileName());
        }
    }

    /** The photo from its file bytes; {@code name} says in errors which input it was ("the uploaded image"). */
    public static RgbImage decode(byte[] bytes, String name) {
        if (bytes.length == 0) {
            return toImage(null, name);
        }
        try (BytePointer pointer = new BytePointer(bytes);
             Mat buffer = new Mat(1, bytes.length, CV_8UC1, pointer);
             Mat mat = opencv_imgcodecs.imdecode(buffer, IMREAD_COLOR)) {
            return toImage(mat, name);
        }
    }

    private static RgbImage toImage(Mat mat, String name) {
        if (mat == null || mat.empty()) {
            throw new AvatarException(ErrorCode.UNREADABLE_IMAGE, "Cannot decode " + name
                    + ": not a JPEG, PNG, WebP or BMP file, or the file is damaged.");
        }
        long pixels = (long) mat.cols() * mat.rows();
        if (pixels > MAX_PIXELS) {
            throw new AvatarException(ErrorCode.IMAGE_TOO_LARGE, "The image is " + mat.cols() + "x" + mat.rows()
                    + "; at most " + MAX_PIXELS / 1_000_000 + " megapixels are accepted. Scale it down first.");
        }
        RgbImage image = new RgbImage(mat.cols(), mat.rows());
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        continuous.data().get(image.bgr());
        return image;
    }
}
