package com.videogenie.avatar.speech;

/**
 * Low-pass filters a signal and keeps every {@code factor}-th sample. Samples are computed on
 * demand, so the analysis never holds a second copy of the clip. Linear phase: output sample m is
 * centred on input sample {@code m * factor}; the signal is taken as zero outside its bounds.
 * The signal may be a window onto a longer stream: {@link Signal} says where it sits.
 */
final class Decimator {
    /** Cut-off as a fraction of the output Nyquist rate; the rest is transition band. */
    private static final double CUTOFF = 0.85;
    /** Half-length of the filter in output samples; longer filters alias less but cost more. */
    private static final int HALF_SPAN = 6;

    private final int factor;
    private final float[] taps;
    private final int half;

    Decimator(int factor) {
        if (factor < 1) {
            throw new IllegalArgumentException("decimation factor must be at least 1: " + factor);
        }
        this.factor = factor;
        this.half = factor == 1 ? 0 : HALF_SPAN * factor;
        this.taps = lowPass(factor, half);
    }

    /** Input samples either side of an output sample's centre that it depends on. */
    int halfSpan() {
        return half;
    }

    /** Output sample {@code m}, at input position {@code m * factor}. */
    float sample(Signal signal, long m) {
        long first = m * factor - half;
        double sum = 0;
        for (int j = 0; j < taps.length; j++) {
            sum += taps[j] * signal.at(first + j);
        }
        return (float) sum;
    }

    /** Hann-windowed sinc with unit gain at DC. */
    private static float[] lowPass(int factor, int half) {
        if (factor == 1) {
            return new float[] {1f};
        }
        double cutoff = CUTOFF * 0.5 / factor;
        double[] h = new double[2 * half + 1];
        double sum = 0;
        for (int j = 0; j < h.length; j++) {
            int t = j - half;
            double sinc = t == 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * t) / (Math.PI * t);
            double window = 0.5 + 0.5 * Math.cos(Math.PI * t / (half + 1));
            h[j] = sinc * window;
            sum += h[j];
        }
        float[] taps = new float[h.length];
        for (int j = 0; j < h.length; j++) {
            taps[j] = (float) (h[j] / sum);
        }
        return taps;
    }
}
