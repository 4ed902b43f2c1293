package com.videogenie.avatar.image;

import static org.bytedeco.opencv.global.opencv_core.BORDER_REPLICATE;
import static org.bytedeco.opencv.global.opencv_core.CV_64F;
import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_CUBIC;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_LINEAR;
import static org.bytedeco.opencv.global.opencv_imgproc.WARP_INVERSE_MAP;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Whole-image resampling through OpenCV. Used once per job, never per frame. */
public final class ImageOps {
    private ImageOps() {
    }

    /** Resizes with area averaging when shrinking (no aliasing) and bicubic when enlarging. */
    public static RgbImage resize(RgbImage src, int width, int height) {
        int interpolation = width < src.width() || height < src.height() ? INTER_AREA : INTER_CUBIC;
        try (Mat in = toMat(src); Mat out = new Mat(); Size size = new Size(width, height)) {
            opencv_imgproc.resize(in, out, size, 0, 0, interpolation);
            return fromMat(out);
        }
    }

    /**
     * Samples {@code src} into a new image: output pixel (u, v) takes the source at
     * (m[0]u + m[1]v + m[2], m[3]u + m[4]v + m[5]). Edges repeat outwards.
     */
    public static RgbImage warpAffine(RgbImage src, double[] outputToSource, int width, int height) {
        if (outputToSource.length != 6) {
            throw new IllegalArgumentException("affine matrix needs 6 values");
        }
        double scale = Math.sqrt(Math.abs(outputToSource[0] * outputToSource[4]
                - outputToSource[1] * outputToSource[3]));
        RgbImage source = src;
        double[] m = outputToSource.clone();
        // warpAffine samples point-wise: shrink first (area average) so a large face does not alias.
        if (scale > 1.25) {
            double factor = 1.0 / scale;
            int w = Math.max(1, (int) Math.round(src.width() * factor));
            int h = Math.max(1, (int) Math.round(src.height() * factor));
            source = resize(src, w, h);
            double fx = w / (double) src.width();
            double fy = h / (double) src.height();
            m = new double[] {m[0] * fx, m[1] * fx, (m[2] + 0.5) * fx - 0.5,
                m[3] * fy, m[4] * fy, (m[5] + 0.5) * fy - 0.5};
        }
        try (Mat in = toMat(source); Mat out = new Mat(); Mat matrix = new Mat(2, 3, CV_64F);
             Size size = new Size(width, height); Scalar border = new Scalar(0)) {
            try (DoubleIndexer indexer = matrix.createIndexer()) {
                for (int i = 0; i < 6; i++) {
                    indexer.put(i / 3, i % 3, m[i]);
                }
            }
            opencv_imgproc.warpAffine(in, out, matrix, size, INTER_LINEAR | WARP_INVERSE_MAP,
                    BORDER_REPLICATE, border);
            return fromMat(out);
        }
    }

    public static RgbImage crop(RgbImage src, int x, int y, int width, int height) {
        if (x < 0 || y < 0 || x + width > src.width() || y + height > src.height()) {
            throw new IllegalArgumentException("crop outside the image");
        }
        RgbImage out = new RgbImage(width, height);
        for (int row = 0; row < height; row++) {
            System.arraycopy(src.bgr(), ((y + row) * src.width() + x) * 3, out.bgr(), row * width * 3, width * 3);
        }
        return out;
    }

    static Mat toMat(RgbImage image) {
        Mat mat = new Mat(image.height(), image.width(), CV_8UC3);
        mat.data().put(image.bgr());
        return mat;
    }

    static RgbImage fromMat(Mat mat) {
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        RgbImage image = new RgbImage(continuous.cols(), continuous.rows());
        continuous.data().get(image.bgr());
        if (continuous != mat) {
            continuous.close();
        }
        return image;
    }
}
