package com.videogenie.avatar.render.restore;

/**
 * facexlib's blend mask without face parsing: the warped-back square eroded by 2 px, then by twice
 * an edge width ({@code int(sqrt(area)) / 20} of the eroded mask's area), then blurred with a Gaussian
 * of {@code 2 * edge + 1} taps (OpenCV's sigma for that size, mirrored border), so the restored face
 * fades into the frame. Erosion is OpenCV's: a square window with its anchor at its centre (for an
 * even side, the window reaches one pixel further up and left), ignoring what lies outside the frame.
 */
final class SoftMask {
    private SoftMask() {
    }

    /** Erodes {@code mask} by a {@code side x side} square in place (a separable running minimum). */
    static void erode(float[] mask, int width, int height, int side, float[] scratch) {
        if (side <= 1) {
            return;
        }
        int before = side / 2;
        int after = side - 1 - before;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float min = Float.MAX_VALUE;
                for (int k = Math.max(0, x - before); k <= Math.min(width - 1, x + after); k++) {
                    min = Math.min(min, mask[y * width + k]);
                }
                scratch[y * width + x] = min;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float min = Float.MAX_VALUE;
                for (int k = Math.max(0, y - before); k <= Math.min(height - 1, y + after); k++) {
                    min = Math.min(min, scratch[k * width + x]);
                }
                mask[y * width + x] = min;
            }
        }
    }

    /** A Gaussian blur of {@code taps} (odd) taps in place, OpenCV's sigma for sigma 0, border mirrored (101). */
    static void blur(float[] mask, int width, int height, int taps, float[] scratch) {
        if (taps <= 1) {
            return;
        }
        double sigma = 0.3 * ((taps - 1) * 0.5 - 1) + 0.8;
        int radius = taps / 2;
        double[] weights = new double[taps];
        double sum = 0;
        for (int i = 0; i < taps; i++) {
            weights[i] = Math.exp(-((i - radius) * (double) (i - radius)) / (2 * sigma * sigma));
            sum += weights[i];
        }
        for (int i = 0; i < taps; i++) {
            weights[i] /= sum;
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double value = 0;
                for (int i = 0; i < taps; i++) {
                    value += weights[i] * mask[y * width + mirror(x + i - radius, width)];
                }
                scratch[y * width + x] = (float) value;
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double value = 0;
                for (int i = 0; i < taps; i++) {
                    value += weights[i] * scratch[mirror(y + i - radius, height) * width + x];
                }
                mask[y * width + x] = (float) value;
            }
        }
    }

    /** Reflect-101 indexing: ... c b | a b c ... d | c b ... */
    static int mirror(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int at = Math.floorMod(i, period);
        return at >= n ? period - at : at;
    }
}
