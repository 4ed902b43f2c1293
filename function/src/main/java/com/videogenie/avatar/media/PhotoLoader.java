package com.videogenie.avatar.media;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import java.nio.file.Path;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes the source photo (JPEG, PNG, WebP, BMP, ...) with OpenCV, which also turns it upright
 * according to its EXIF orientation. Grey and alpha images come out as 3-channel BGR.
 */
public final class PhotoLoader {
    /** 50 megapixels: larger than any camera photo needs, small enough to decode within memory limits. */
    public static final long MAX_PIXELS = 50_000_000L;

    private PhotoLoader() {
    }

    public static RgbImage load(Path file) {
        try (Mat mat = opencv_imgcodecs.imread(file.toString(), IMREAD_COLOR)) {
            if (mat == null || mat.empty()) {
                throw new AvatarException(ErrorCode.UNREADABLE_IMAGE, "Cannot decode the image " + file.getFileName()
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
}
