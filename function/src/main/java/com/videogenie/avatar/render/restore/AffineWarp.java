package com.videogenie.avatar.render.restore;

/**
 * Bilinear resampling through an affine map, with OpenCV's {@code warpAffine} geometry (integer pixel
 * centres, each of the four neighbours outside the source taking the border value), in floating point.
 * Images are interleaved 3-channel levels 0-255.
 */
final class AffineWarp {
    private AffineWarp() {
    }

    /**
     * {@code out[width x height]} sampled from {@code source[sw x sh]} at {@code toSource} applied to each
     * output pixel, as interleaved floats in the source's channel order; outside, {@code border}.
     */
    static void warp(byte[] source, int sw, int sh, double[] toSource, float[] out, int width, int height,
                     float[] border) {
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                double x = toSource[0] * u + toSource[1] * v + toSource[2];
                double y = toSource[3] * u + toSource[4] * v + toSource[5];
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                float fx = (float) (x - x0);
                float fy = (float) (y - y0);
                int at = 3 * (v * width + u);
                for (int c = 0; c < 3; c++) {
                    float p00 = level(source, sw, sh, x0, y0, c, border[c]);
                    float p10 = level(source, sw, sh, x0 + 1, y0, c, border[c]);
                    float p01 = level(source, sw, sh, x0, y0 + 1, c, border[c]);
                    float p11 = level(source, sw, sh, x0 + 1, y0 + 1, c, border[c]);
                    out[at + c] = (1 - fy) * ((1 - fx) * p00 + fx * p10) + fy * ((1 - fx) * p01 + fx * p11);
                }
            }
        }
    }

    private static float level(byte[] image, int w, int h, int x, int y, int c, float border) {
        return x < 0 || y < 0 || x >= w || y >= h ? border : image[3 * (y * w + x) + c] & 0xff;
    }

    /**
     * The restored face ({@code face[size x size]}, interleaved floats) and a mask of ones warped back
     * into a {@code width x height} frame through {@code toFace}; zero outside the face square.
     */
    static void back(float[] face, int size, double[] toFace, float[] out, float[] mask, int width, int height) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = toFace[0] * x + toFace[1] * y + toFace[2];
                double v = toFace[3] * x + toFace[4] * y + toFace[5];
                int i = y * width + x;
                if (u <= -1 || v <= -1 || u >= size || v >= size) {
                    mask[i] = 0;
                    out[3 * i] = 0;
                    out[3 * i + 1] = 0;
                    out[3 * i + 2] = 0;
                    continue;
                }
                int u0 = (int) Math.floor(u);
                int v0 = (int) Math.floor(v);
                float fu = (float) (u - u0);
                float fv = (float) (v - v0);
                float w00 = (1 - fu) * (1 - fv);
                float w10 = fu * (1 - fv);
                float w01 = (1 - fu) * fv;
                float w11 = fu * fv;
                boolean in00 = inside(u0, v0, size);
                boolean in10 = inside(u0 + 1, v0, size);
                boolean in01 = inside(u0, v0 + 1, size);
                boolean in11 = inside(u0 + 1, v0 + 1, size);
                mask[i] = (in00 ? w00 : 0) + (in10 ? w10 : 0) + (in01 ? w01 : 0) + (in11 ? w11 : 0);
                for (int c = 0; c < 3; c++) {
                    float sum = 0;
                    sum += in00 ? w00 * face[3 * (v0 * size + u0) + c] : 0;
                    sum += in10 ? w10 * face[3 * (v0 * size + u0 + 1) + c] : 0;
                    sum += in01 ? w01 * face[3 * ((v0 + 1) * size + u0) + c] : 0;
                    sum += in11 ? w11 * face[3 * ((v0 + 1) * size + u0 + 1) + c] : 0;
                    out[3 * i + c] = sum;
                }
            }
        }
    }

    private static boolean inside(int u, int v, int size) {
        return u >= 0 && v >= 0 && u < size && v < size;
    }
}
