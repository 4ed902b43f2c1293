package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.image.RgbImage;

/**
 * Piecewise-affine warp: each destination triangle is filled by sampling its rest triangle in the
 * source with bilinear interpolation. Triangles whose corners moved only by the picture's shift are
 * skipped, because the caller starts every frame from a copy of the rest image so shifted.
 *
 * <p>Scanline rasterisation with the pixel-centre rule; the edge crossing of a shared edge is
 * computed from the same two points in the same order by both triangles, so they tile without gaps
 * or double coverage.
 */
final class TriangleWarper {
    private static final float STILL = 1e-3f;

    private TriangleWarper() {
    }

    /**
     * @param source    rest image (canvas coordinates)
     * @param restX     rest points, canvas coordinates
     * @param movedX    moved points, canvas coordinates
     * @param triangles vertex indices, three per triangle
     * @param target    the frame; frame pixel (x, y) is canvas point (x + offset, y + offset)
     * @param shiftX    the picture's shift already in the frame's background, canvas pixels
     */
    static void warp(RgbImage source, float[] restX, float[] restY, float[] movedX, float[] movedY,
                     int[] triangles, RgbImage target, int offset, float shiftX, float shiftY) {
        for (int t = 0; t < triangles.length; t += 3) {
            int a = triangles[t];
            int b = triangles[t + 1];
            int c = triangles[t + 2];
            if (still(a, restX, restY, movedX, movedY, shiftX, shiftY)
                    && still(b, restX, restY, movedX, movedY, shiftX, shiftY)
                    && still(c, restX, restY, movedX, movedY, shiftX, shiftY)) {
                continue;
            }
            fill(source, target, offset, a, b, c, restX, restY, movedX, movedY);
        }
    }

    private static boolean still(int i, float[] rx, float[] ry, float[] mx, float[] my, float shiftX, float shiftY) {
        return Math.abs(rx[i] + shiftX - mx[i]) < STILL && Math.abs(ry[i] + shiftY - my[i]) < STILL;
    }

    private static void fill(RgbImage source, RgbImage target, int offset, int a, int b, int c,
                             float[] rx, float[] ry, float[] mx, float[] my) {
        // Frame coordinates of the moved triangle.
        float ax = mx[a] - offset;
        float ay = my[a] - offset;
        float bx = mx[b] - offset;
        float by = my[b] - offset;
        float cx = mx[c] - offset;
        float cy = my[c] - offset;
        double det = (double) (bx - ax) * (cy - ay) - (double) (cx - ax) * (by - ay);
        if (Math.abs(det) < 1e-6) {
            return;
        }
        // Affine map frame -> source canvas: s = M * (p - a) + rest(a).
        double e1x = rx[b] - rx[a];
        double e1y = ry[b] - ry[a];
        double e2x = rx[c] - rx[a];
        double e2y = ry[c] - ry[a];
        double i00 = (cy - ay) / det;
        double i01 = -(cx - ax) / det;
        double i10 = -(by - ay) / det;
        double i11 = (bx - ax) / det;
        float m00 = (float) (e1x * i00 + e2x * i10);
        float m01 = (float) (e1x * i01 + e2x * i11);
        float m10 = (float) (e1y * i00 + e2y * i10);
        float m11 = (float) (e1y * i01 + e2y * i11);

        int width = target.width();
        int height = target.height();
        // Samples stay within the rest triangle; two pixels of slack cover rounding.
        float restMinX = Math.min(rx[a], Math.min(rx[b], rx[c]));
        float restMinY = Math.min(ry[a], Math.min(ry[b], ry[c]));
        float restMaxX = Math.max(rx[a], Math.max(rx[b], rx[c]));
        float restMaxY = Math.max(ry[a], Math.max(ry[b], ry[c]));
        boolean inside = restMinX >= 2 && restMinY >= 2 && restMaxX <= source.width() - 3
                && restMaxY <= source.height() - 3;
        int top = Math.max(0, (int) Math.ceil(Math.min(ay, Math.min(by, cy)) - 0.5f));
        int bottom = Math.min(height - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy)) - 0.5f) - 1);
        byte[] src = source.bgr();
        byte[] dst = target.bgr();
        int sw = source.width();
        int sh = source.height();
        for (int row = top; row <= bottom; row++) {
            float yc = row + 0.5f;
            float x0 = Float.MAX_VALUE;
            float x1 = -Float.MAX_VALUE;
            float e;
            if (!Float.isNaN(e = crossing(ax, ay, bx, by, yc))) {
                x0 = Math.min(x0, e);
                x1 = Math.max(x1, e);
            }
            if (!Float.isNaN(e = crossing(bx, by, cx, cy, yc))) {
                x0 = Math.min(x0, e);
                x1 = Math.max(x1, e);
            }
            if (!Float.isNaN(e = crossing(cx, cy, ax, ay, yc))) {
                x0 = Math.min(x0, e);
                x1 = Math.max(x1, e);
            }
            int first = Math.max(0, (int) Math.ceil(x0 - 0.5f));
            int last = Math.min(width - 1, (int) Math.ceil(x1 - 0.5f) - 1);
            if (first > last) {
                continue;
            }
            // Source position of the first pixel centre, then step along the row; -0.5 turns
            // continuous coordinates into pixel indices for the bilinear taps.
            float px = first + 0.5f - ax;
            float py = yc - ay;
            float sx = rx[a] + m00 * px + m01 * py - 0.5f;
            float sy = ry[a] + m10 * px + m11 * py - 0.5f;
            int out = (row * width + first) * 3;
            if (inside) {
                sampleRow(src, sw, sx, sy, m00, m10, dst, out, last - first + 1);
            } else {
                for (int col = first; col <= last; col++, sx += m00, sy += m10, out += 3) {
                    sampleClamped(src, sw, sh, sx, sy, dst, out);
                }
            }
        }
    }

    /**
     * Bilinear row in 16.16 fixed point, no bounds checks: only for triangles whose rest triangle
     * lies a pixel inside the source, so every tap is in range.
     */
    private static void sampleRow(byte[] src, int sw, float sx, float sy, float stepX, float stepY,
                                  byte[] dst, int out, int count) {
        int fx = (int) (sx * 65536f);
        int fy = (int) (sy * 65536f);
        int dx = (int) (stepX * 65536f);
        int dy = (int) (stepY * 65536f);
        int stride = sw * 3;
        for (int k = 0; k < count; k++, fx += dx, fy += dy, out += 3) {
            int wx = (fx >> 8) & 0xFF;
            int wy = (fy >> 8) & 0xFF;
            int p00 = ((fy >> 16) * sw + (fx >> 16)) * 3;
            int p10 = p00 + stride;
            int w00 = (256 - wx) * (256 - wy);
            int w01 = wx * (256 - wy);
            int w10 = (256 - wx) * wy;
            int w11 = wx * wy;
            dst[out] = (byte) (((src[p00] & 0xFF) * w00 + (src[p00 + 3] & 0xFF) * w01
                    + (src[p10] & 0xFF) * w10 + (src[p10 + 3] & 0xFF) * w11 + 32768) >> 16);
            dst[out + 1] = (byte) (((src[p00 + 1] & 0xFF) * w00 + (src[p00 + 4] & 0xFF) * w01
                    + (src[p10 + 1] & 0xFF) * w10 + (src[p10 + 4] & 0xFF) * w11 + 32768) >> 16);
            dst[out + 2] = (byte) (((src[p00 + 2] & 0xFF) * w00 + (src[p00 + 5] & 0xFF) * w01
                    + (src[p10 + 2] & 0xFF) * w10 + (src[p10 + 5] & 0xFF) * w11 + 32768) >> 16);
        }
    }

    /** X where the edge crosses the horizontal line y, or NaN; half-open in y so vertices count once. */
    private static float crossing(float x0, float y0, float x1, float y1, float y) {
        // Canonical order makes both triangles sharing this edge compute the identical value.
        if (y0 > y1 || (y0 == y1 && x0 > x1)) {
            float t = x0;
            x0 = x1;
            x1 = t;
            t = y0;
            y0 = y1;
            y1 = t;
        }
        if (y < y0 || y >= y1) {
            return Float.NaN;
        }
        return x0 + (y - y0) * (x1 - x0) / (y1 - y0);
    }

    private static void sampleClamped(byte[] src, int sw, int sh, float sx, float sy, byte[] dst, int out) {
        float fx = Math.max(0f, Math.min(sw - 1.001f, sx));
        float fy = Math.max(0f, Math.min(sh - 1.001f, sy));
        int ix = (int) fx;
        int iy = (int) fy;
        int wx = (int) ((fx - ix) * 256f);
        int wy = (int) ((fy - iy) * 256f);
        int p00 = (iy * sw + ix) * 3;
        int p10 = p00 + sw * 3;
        for (int ch = 0; ch < 3; ch++) {
            int top = (src[p00 + ch] & 0xFF) * (256 - wx) + (src[p00 + 3 + ch] & 0xFF) * wx;
            int bottom = (src[p10 + ch] & 0xFF) * (256 - wx) + (src[p10 + 3 + ch] & 0xFF) * wx;
            dst[out + ch] = (byte) ((top * (256 - wy) + bottom * wy + 32768) >> 16);
        }
    }
}
