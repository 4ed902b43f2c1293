package com.videogenie.avatar.speech;

import java.util.Arrays;

/**
 * Linear prediction of one analysis frame: autocorrelation, the Levinson-Durbin recursion, and
 * formants read as peaks of the all-pole spectral envelope. The predictor is
 * {@code A(z) = 1 + a1 z^-1 + ... + ap z^-p}. Keeps its scratch arrays between calls, so an
 * instance serves one thread.
 */
final class LpcAnalyzer {
    /** Below this a peak is glottal source or pre-emphasis residue, not a vocal-tract resonance. */
    private static final double LOWEST_FORMANT_HZ = 150;
    /**
     * The envelope is read on a circle just inside the unit circle, which narrows every resonance
     * by this bandwidth, so close formants (F1 and F2 of back vowels) stay separate peaks.
     */
    private static final double SHARPENING_HZ = 40;
    private static final double BIN_HZ = 20;

    private final int order;
    private final int bins;
    private final double[] autocorrelation;
    private final double[] predictor;
    private final double[] previous;
    private final double[] radiusPowers;
    private final double[] scaled;
    /** cos and sin of bin frequency times lag, laid out as [bin * (order + 1) + lag]. */
    private final double[] cosines;
    private final double[] sines;
    private final double[] power;

    /**
     * @param sampleRate   rate of the frames this analyser will see
     * @param order        predictor order (about 2 + sampleRate / 1000 for speech)
     * @param maxFormantHz highest frequency searched for formant peaks
     */
    LpcAnalyzer(double sampleRate, int order, double maxFormantHz) {
        if (order < 1) {
            throw new IllegalArgumentException("LPC order must be at least 1: " + order);
        }
        if (maxFormantHz <= 0 || maxFormantHz > sampleRate / 2) {
            throw new IllegalArgumentException(
                    "formant search limit must lie below the Nyquist rate: " + maxFormantHz);
        }
        this.order = order;
        this.bins = (int) Math.ceil(maxFormantHz / BIN_HZ) + 2;
        this.autocorrelation = new double[order + 1];
        this.predictor = new double[order + 1];
        this.previous = new double[order + 1];
        this.radiusPowers = new double[order + 1];
        this.scaled = new double[order + 1];
        this.cosines = new double[bins * (order + 1)];
        this.sines = new double[bins * (order + 1)];
        this.power = new double[bins];
        double inverseRadius = Math.exp(Math.PI * SHARPENING_HZ / sampleRate);
        for (int k = 0; k <= order; k++) {
            radiusPowers[k] = Math.pow(inverseRadius, k);
        }
        for (int b = 0; b < bins; b++) {
            double omega = 2 * Math.PI * b * BIN_HZ / sampleRate;
            for (int k = 0; k <= order; k++) {
                cosines[b * (order + 1) + k] = Math.cos(omega * k);
                sines[b * (order + 1) + k] = Math.sin(omega * k);
            }
        }
        predictor[0] = 1;
    }

    /**
     * Fits the predictor to a windowed frame.
     *
     * @return prediction gain, frame energy over residual energy (1 for a silent frame)
     */
    double fit(float[] frame, int length) {
        autocorrelate(frame, length, autocorrelation);
        double energy = autocorrelation[0];
        if (!(energy > 0)) {
            Arrays.fill(predictor, 0);
            predictor[0] = 1;
            return 1;
        }
        // A faint white-noise floor keeps the recursion stable on near-singular frames.
        autocorrelation[0] = energy * (1 + 1e-9);
        double residual = levinson(autocorrelation, predictor, previous);
        return energy / Math.max(residual, energy * 1e-12);
    }

    /** The predictor of the last {@link #fit}: {@code a[0] = 1}, then {@code a1 .. ap}. */
    double[] predictor() {
        return predictor.clone();
    }

    /**
     * Writes the frequencies of the envelope's peaks, ascending, into {@code formants}.
     *
     * @return how many were written (at most {@code formants.length})
     */
    int formants(double[] formants) {
        for (int k = 0; k <= order; k++) {
            scaled[k] = predictor[k] * radiusPowers[k];
        }
        for (int b = 0; b < bins; b++) {
            int base = b * (order + 1);
            double re = 0;
            double im = 0;
            for (int k = 0; k <= order; k++) {
                re += scaled[k] * cosines[base + k];
                im += scaled[k] * sines[base + k];
            }
            power[b] = 1 / (re * re + im * im + 1e-30);
        }
        int count = 0;
        for (int b = 1; b < bins - 1 && count < formants.length; b++) {
            if (power[b] > power[b - 1] && power[b] >= power[b + 1]) {
                double left = Math.log(power[b - 1]);
                double centre = Math.log(power[b]);
                double right = Math.log(power[b + 1]);
                double curvature = left - 2 * centre + right;
                double offset = curvature < 0 ? 0.5 * (left - right) / curvature : 0;
                double hz = (b + offset) * BIN_HZ;
                if (hz >= LOWEST_FORMANT_HZ) {
                    formants[count++] = hz;
                }
            }
        }
        return count;
    }

    /** {@code r[lag] = sum x[n] x[n + lag]} for lags 0 .. r.length - 1. */
    static void autocorrelate(float[] x, int length, double[] r) {
        for (int lag = 0; lag < r.length; lag++) {
            double sum = 0;
            for (int n = 0; n + lag < length; n++) {
                sum += x[n] * x[n + lag];
            }
            r[lag] = sum;
        }
    }

    /**
     * Levinson-Durbin: solves the normal equations for the predictor {@code a} (same length as
     * {@code r}, {@code a[0] = 1}) using {@code scratch} of that length.
     *
     * @return the residual (prediction error) energy
     */
    static double levinson(double[] r, double[] a, double[] scratch) {
        int order = r.length - 1;
        Arrays.fill(a, 0);
        a[0] = 1;
        double error = r[0];
        for (int i = 1; i <= order; i++) {
            double acc = r[i];
            for (int j = 1; j < i; j++) {
                acc += a[j] * r[i - j];
            }
            double reflection = -acc / error;
            System.arraycopy(a, 0, scratch, 0, i);
            for (int j = 1; j < i; j++) {
                a[j] = scratch[j] + reflection * scratch[i - j];
            }
            a[i] = reflection;
            error *= 1 - reflection * reflection;
            if (!(error > 0)) {
                // Perfectly predictable so far: the remaining coefficients stay zero.
                return r[0] * 1e-12;
            }
        }
        return error;
    }
}
