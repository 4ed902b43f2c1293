package com.videogenie.avatar.render.lipsync;

/**
 * Slaney-style mel filters, area-normalised, as librosa's {@code filters.mel(htk=False,
 * norm='slaney')} builds them: mel points evenly spaced between fmin and fmax on the Slaney scale
 * (linear to 1 kHz, logarithmic above), triangles over the FFT bin frequencies, each scaled by
 * {@code 2 / (upper - lower)} Hz.
 */
final class MelFilters {
    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOG_STEP = Math.log(6.4) / 27;

    private MelFilters() {
    }

    /** {@code [bands][fft/2 + 1]} weights. */
    static double[][] slaney(int sampleRate, int fft, int bands, double fmin, double fmax) {
        int bins = fft / 2 + 1;
        double[] binHz = new double[bins];
        for (int k = 0; k < bins; k++) {
            binHz[k] = k * (sampleRate / 2.0) / (bins - 1);
        }
        double low = hzToMel(fmin);
        double high = hzToMel(fmax);
        double[] pointHz = new double[bands + 2];
        for (int i = 0; i < pointHz.length; i++) {
            pointHz[i] = melToHz(low + (high - low) * i / (bands + 1));
        }
        double[][] weights = new double[bands][bins];
        for (int band = 0; band < bands; band++) {
            double lower = pointHz[band];
            double centre = pointHz[band + 1];
            double upper = pointHz[band + 2];
            double norm = 2 / (upper - lower);
            for (int k = 0; k < bins; k++) {
                double rising = (binHz[k] - lower) / (centre - lower);
                double falling = (upper - binHz[k]) / (upper - centre);
                weights[band][k] = Math.max(0, Math.min(rising, falling)) * norm;
            }
        }
        return weights;
    }

    static double hzToMel(double hz) {
        return hz < MIN_LOG_HZ ? hz / F_SP : MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP;
    }

    static double melToHz(double mel) {
        return mel < MIN_LOG_MEL ? mel * F_SP : MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL));
    }
}
