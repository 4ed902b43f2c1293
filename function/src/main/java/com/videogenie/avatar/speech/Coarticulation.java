package com.videogenie.avatar.speech;

/**
 * Smoothing of hop-rate mouth curves that never makes the mouth trail the sound. Shapes are
 * averaged with symmetric (zero-phase) kernels; the opening gets a one-pole envelope run both
 * ways: backwards for anticipation (the lips start to move just before a sound) and forwards
 * for carry-over (they close a little after it). Rises pass through undelayed in both passes.
 */
final class Coarticulation {
    private Coarticulation() {
    }

    /** Zero-phase triangular smoothing over {@code radius} hops either side; edges renormalised. */
    static float[] smooth(float[] values, int radius) {
        return weightedSmooth(values, null, radius);
    }

    /**
     * Zero-phase triangular smoothing weighted per hop, so that hops which carry little evidence
     * (quiet ones, for formant-derived shapes) borrow their value from their neighbours.
     *
     * @param weights per-hop weights, or null for equal weights
     */
    static float[] weightedSmooth(float[] values, float[] weights, int radius) {
        float[] out = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            double sum = 0;
            double total = 0;
            int last = Math.min(values.length - 1, k + radius);
            for (int j = Math.max(0, k - radius); j <= last; j++) {
                double w = (radius + 1 - Math.abs(j - k)) * (weights == null ? 1 : weights[j]);
                sum += w * values[j];
                total += w;
            }
            out[k] = total > 0 ? (float) (sum / total) : values[k];
        }
        return out;
    }

    /**
     * Envelope that rises instantly, leads each rise by an exponential ramp with time constant
     * {@code anticipationHops} and decays after each fall with {@code releaseHops}.
     */
    static float[] envelope(float[] values, double anticipationHops, double releaseHops) {
        float[] out = values.clone();
        double release = 1 - Math.exp(-1 / releaseHops);
        for (int k = 1; k < out.length; k++) {
            if (out[k] < out[k - 1]) {
                out[k] = (float) (out[k - 1] + release * (out[k] - out[k - 1]));
            }
        }
        double anticipation = 1 - Math.exp(-1 / anticipationHops);
        for (int k = out.length - 2; k >= 0; k--) {
            if (out[k] < out[k + 1]) {
                out[k] = (float) (out[k + 1] + anticipation * (out[k] - out[k + 1]));
            }
        }
        return out;
    }
}
