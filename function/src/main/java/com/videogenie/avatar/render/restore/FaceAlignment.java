package com.videogenie.avatar.render.restore;

import com.videogenie.avatar.render.FaceRegion;

/**
 * The similarity transform (rotation, uniform scale, shift) taking a frame's five face points to
 * GFPGAN's 512x512 FFHQ template (facexlib's face_restoration_helper): eye centres, nose tip, mouth
 * corners, each pair ordered left to right in the image as the template is. Fitted by least squares
 * over the five points, where facexlib's estimateAffinePartial2D takes the least-median-of-squares fit;
 * for five clean points from a face mesh the two agree closely.
 *
 * @param forward  frame to template, {@code [a, b, c, d, e, f]}: {@code u = a x + b y + c, v = d x + e y + f}
 * @param backward template to frame, the inverse
 */
record FaceAlignment(double[] forward, double[] backward) {
    static final int SIZE = 512;
    static final double[] TEMPLATE = {
            192.98138, 239.94708, 318.90277, 240.19360, 256.63416, 314.01935, 201.26117, 371.41043,
            313.08905, 371.15118};
    /** Faces whose eyes are closer than this (pixels) are too small to restore, as facexlib skips them. */
    static final double MIN_EYE_DISTANCE = 5;

    /** The five points of a region in template order: x, y pairs. */
    static double[] points(FaceRegion face) {
        double[] p = new double[10];
        boolean eyesSwapped = face.x(FaceRegion.LEFT_EYE) > face.x(FaceRegion.RIGHT_EYE);
        boolean mouthSwapped = face.x(FaceRegion.MOUTH_LEFT) > face.x(FaceRegion.MOUTH_RIGHT);
        int[] order = {
                eyesSwapped ? FaceRegion.RIGHT_EYE : FaceRegion.LEFT_EYE,
                eyesSwapped ? FaceRegion.LEFT_EYE : FaceRegion.RIGHT_EYE,
                FaceRegion.NOSE,
                mouthSwapped ? FaceRegion.MOUTH_RIGHT : FaceRegion.MOUTH_LEFT,
                mouthSwapped ? FaceRegion.MOUTH_LEFT : FaceRegion.MOUTH_RIGHT};
        for (int i = 0; i < 5; i++) {
            p[2 * i] = face.x(order[i]);
            p[2 * i + 1] = face.y(order[i]);
        }
        return p;
    }

    /** The least-squares similarity from {@code points} to the template; null for a face too small. */
    static FaceAlignment fit(double[] points) {
        if (Math.hypot(points[2] - points[0], points[3] - points[1]) < MIN_EYE_DISTANCE) {
            return null;
        }
        double px = 0;
        double py = 0;
        double qx = 0;
        double qy = 0;
        for (int i = 0; i < 5; i++) {
            px += points[2 * i] / 5;
            py += points[2 * i + 1] / 5;
            qx += TEMPLATE[2 * i] / 5;
            qy += TEMPLATE[2 * i + 1] / 5;
        }
        double dot = 0;
        double cross = 0;
        double norm = 0;
        for (int i = 0; i < 5; i++) {
            double x = points[2 * i] - px;
            double y = points[2 * i + 1] - py;
            double u = TEMPLATE[2 * i] - qx;
            double v = TEMPLATE[2 * i + 1] - qy;
            dot += x * u + y * v;
            cross += x * v - y * u;
            norm += x * x + y * y;
        }
        double a = dot / norm;
        double b = cross / norm;
        double[] forward = {a, -b, qx - (a * px - b * py), b, a, qy - (b * px + a * py)};
        return new FaceAlignment(forward, invert(forward));
    }

    static double[] invert(double[] m) {
        double det = m[0] * m[4] - m[1] * m[3];
        double a = m[4] / det;
        double b = -m[1] / det;
        double d = -m[3] / det;
        double e = m[0] / det;
        return new double[] {a, b, -(a * m[2] + b * m[5]), d, e, -(d * m[2] + e * m[5])};
    }
}
