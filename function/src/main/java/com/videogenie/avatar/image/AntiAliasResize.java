package com.videogenie.avatar.image;

import java.util.Arrays;

/**
 * Resizes interleaved float images the way scikit-image's {@code resize} does with anti-aliasing, which
 * is how the First Order Motion Model's demo prepares its frames: per axis a Gaussian of sigma
 * {@code (in/out - 1) / 2} when shrinking (truncated at 4 sigma, mirrored edges), then bilinear
 * sampling at pixel centres ({@code src = (dst + 0.5) * in/out - 0.5}, mirrored past the edges). The
 * sizes are fixed per instance, so the kernels, sample tables and scratch rows are built once and each
 * call allocates nothing. One thread at a time.
 */
public final class AntiAliasResize {
    private final int inWidth;
    private final int inHeight;
    private final int outWidth;
    private final int outHeight;
    private final int channels;
    private final Axis rows;
    private final Axis columns;
    private final double[] blurredX;
    private final double[] blurred;

    /** A Gaussian and a bilinear table for one axis. */
    private static final class Axis {
        final double[] kernel;
        final int radius;
        final int[] mirrored;
        final int[] lower;
        final int[] upper;
        final double[] fraction;

        Axis(int in, int out) {
            double scale = (double) in / out;
            double sigma = Math.max(0, (scale - 1) / 2);
            radius = sigma > 0 ? (int) (4.0 * sigma + 0.5) : 0;
            kernel = new double[2 * radius + 1];
            double sum = 0;
            for (int t = -radius; t <= radius; t++) {
                kernel[t + radius] = sigma > 0 ? Math.exp(-0.5 * (t / sigma) * (t / sigma)) : 1;
                sum += kernel[t + radius];
            }
            for (int t = 0; t < kernel.length; t++) {
                kernel[t] /= sum;
            }
            mirrored = new int[in + 2 * radius];
            for (int i = -radius; i < in + radius; i++) {
                mirrored[i + radius] = mirror(i, in);
            }
            lower = new int[out];
            upper = new int[out];
            fraction = new double[out];
            for (int o = 0; o < out; o++) {
                double at = (o + 0.5) * scale - 0.5;
                int base = (int) Math.floor(at);
                lower[o] = mirror(base, in);
                upper[o] = mirror(base + 1, in);
                fraction[o] = at - base;
            }
        }
    }

    public AntiAliasResize(int inWidth, int inHeight, int outWidth, int outHeight, int channels) {
        if (inWidth < 1 || inHeight < 1 || outWidth < 1 || outHeight < 1 || channels < 1) {
            throw new IllegalArgumentException("sizes must be positive");
        }
        this.inWidth = inWidth;
        this.inHeight = inHeight;
        this.outWidth = outWidth;
        this.outHeight = outHeight;
        this.channels = channels;
        this.columns = new Axis(inWidth, outWidth);
        this.rows = new Axis(inHeight, outHeight);
        this.blurredX = new double[inWidth * inHeight * channels];
        this.blurred = new double[inWidth * inHeight * channels];
    }

    /** scipy.ndimage's "mirror" edge: d c b | a b c d | c b a. */
    static int mirror(int index, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int i = Math.abs(index) % period;
        return i > n - 1 ? period - i : i;
    }

    /** Resizes {@code in} (inHeight x inWidth x channels, row-major) into {@code out}. */
    public void apply(double[] in, double[] out) {
        if (in.length != blurred.length || out.length != outWidth * outHeight * channels) {
            throw new IllegalArgumentException("buffers do not match the sizes this resize was made for");
        }
        // The filter runs over rows (axis 0) first, then columns, as scipy's gaussian_filter does.
        double[] source = in;
        if (rows.radius > 0) {
            blurAxis0(source, blurredX);
            source = blurredX;
        }
        if (columns.radius > 0) {
            blurAxis1(source, blurred);
            source = blurred;
        }
        int stride = inWidth * channels;
        for (int oy = 0; oy < outHeight; oy++) {
            int top = rows.lower[oy] * stride;
            int bottom = rows.upper[oy] * stride;
            double fy = rows.fraction[oy];
            int o = oy * outWidth * channels;
            for (int ox = 0; ox < outWidth; ox++) {
                int left = columns.lower[ox] * channels;
                int right = columns.upper[ox] * channels;
                double fx = columns.fraction[ox];
                for (int c = 0; c < channels; c++) {
                    double upperRow = source[top + left + c] * (1 - fx) + source[top + right + c] * fx;
                    double lowerRow = source[bottom + left + c] * (1 - fx) + source[bottom + right + c] * fx;
                    out[o++] = upperRow * (1 - fy) + lowerRow * fy;
                }
            }
        }
    }

    private void blurAxis0(double[] in, double[] out) {
        int stride = inWidth * channels;
        for (int y = 0; y < inHeight; y++) {
            int o = y * stride;
            Arrays.fill(out, o, o + stride, 0);
            for (int t = 0; t < rows.kernel.length; t++) {
                double weight = rows.kernel[t];
                int from = rows.mirrored[y + t] * stride;
                for (int i = 0; i < stride; i++) {
                    out[o + i] += weight * in[from + i];
                }
            }
        }
    }

    private void blurAxis1(double[] in, double[] out) {
        for (int y = 0; y < inHeight; y++) {
            int row = y * inWidth * channels;
            for (int x = 0; x < inWidth; x++) {
                for (int c = 0; c < channels; c++) {
                    double sum = 0;
                    for (int t = 0; t < columns.kernel.length; t++) {
                        sum += columns.kernel[t] * in[row + columns.mirrored[x + t] * channels + c];
                    }
                    out[row + x * channels + c] = sum;
                }
            }
        }
    }
}
