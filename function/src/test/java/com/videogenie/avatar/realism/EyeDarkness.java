package com.videogenie.avatar.realism;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.image.RgbImage;
import java.util.Arrays;

/**
 * How much of each eye shows dark iris and pupil, read from the pixels rather than the mesh: the
 * face mesh's lid points barely move when a real eye closes (its eye opening stays within a few
 * per cent of its median through blinks that are plain to see), while an open eye's iris covers
 * about a quarter of the box between the corners and a closed lid leaves only the thin lash line.
 */
final class EyeDarkness {
    /** Outer and inner corners of the left and right eye. */
    private static final int[][] CORNERS = {{33, 133}, {263, 362}};
    private static final int ALONG = 16;
    private static final int ACROSS = 14;
    /** The box spans this share of the corner-to-corner line, centred on it... */
    private static final double BOX_LENGTH = 0.6;
    /** ...and this share of the line's length either side of it. */
    private static final double BOX_HALF_HEIGHT = 0.3;

    private EyeDarkness() {
    }

    /**
     * Mean over both eyes of the share of box pixels darker than halfway between the box's 10th and
     * 90th luminance percentiles.
     */
    static double measure(RgbImage image, FaceLandmarks mesh) {
        double sum = 0;
        for (int[] eye : CORNERS) {
            sum += darkShare(image, mesh, eye[0], eye[1]);
        }
        return sum / CORNERS.length;
    }

    private static double darkShare(RgbImage image, FaceLandmarks mesh, int outer, int inner) {
        double ax = mesh.x(inner) - mesh.x(outer);
        double ay = mesh.y(inner) - mesh.y(outer);
        double length = Math.hypot(ax, ay);
        double cx = (mesh.x(inner) + mesh.x(outer)) / 2;
        double cy = (mesh.y(inner) + mesh.y(outer)) / 2;
        double[] luma = new double[ALONG * ACROSS];
        for (int i = 0; i < ALONG; i++) {
            double u = ((i + 0.5) / ALONG - 0.5) * BOX_LENGTH;
            for (int j = 0; j < ACROSS; j++) {
                double v = ((j + 0.5) / ACROSS - 0.5) * 2 * BOX_HALF_HEIGHT;
                // Along the corner line, and across it (perpendicular, scaled by the same length).
                double x = cx + u * ax - v * ay;
                double y = cy + u * ay + v * ax;
                luma[i * ACROSS + j] = luminance(image, x, y);
            }
        }
        double[] sorted = luma.clone();
        Arrays.sort(sorted);
        double threshold = (sorted[luma.length / 10] + sorted[luma.length * 9 / 10]) / 2;
        int dark = 0;
        for (double l : luma) {
            if (l < threshold) {
                dark++;
            }
        }
        return length < 2 ? Double.NaN : dark / (double) luma.length;
    }

    private static double luminance(RgbImage image, double x, double y) {
        int px = (int) Math.max(0, Math.min(image.width() - 1, Math.round(x)));
        int py = (int) Math.max(0, Math.min(image.height() - 1, Math.round(y)));
        byte[] bgr = image.bgr();
        int p = 3 * (py * image.width() + px);
        return 0.114 * (bgr[p] & 0xff) + 0.587 * (bgr[p + 1] & 0xff) + 0.299 * (bgr[p + 2] & 0xff);
    }
}
