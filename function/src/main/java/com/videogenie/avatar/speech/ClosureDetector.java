package com.videogenie.avatar.speech;

/**
 * Finds where the lips meet inside speech: the silent closure of a stop (/p/ /b/, a short gap with
 * speech on both sides) and the murmur of /m/ /n/ (voiced, next to nothing above 1 kHz, inside
 * speech). Long pauses are not closures: there the mouth simply rests.
 */
final class ClosureDetector {
    /** Activity below this counts as a gap. */
    private static final float GAP_ACTIVITY = 0.12f;
    /** Stop closures last 30-150 ms; the 20 ms level window shortens the gap it sees by ~10 ms. */
    private static final double MIN_GAP_SECONDS = 0.020;
    private static final double MAX_GAP_SECONDS = 0.150;
    /** How far to look either side of a gap or murmur for the speech that encloses it. */
    private static final double CONTEXT_SECONDS = 0.150;
    private static final float SPEECH_ACTIVITY = 0.45f;
    /**
     * Energy above 1 kHz, in dB of the total, where a voiced sound starts to read as murmur and
     * where it fully does. Close vowels keep F2 and F3 there (/i/ -16 to -20 dB); /m/ /n/ fall
     * below -24 dB.
     */
    private static final double MURMUR_ONSET_DB = -22;
    private static final double MURMUR_FULL_DB = -26;
    private static final double VOICED_MAX_HZ = 1200;

    private ClosureDetector() {
    }

    /** Closure per hop in [0, 1]. */
    static float[] detect(SpeechFeatures features, float[] activity) {
        int hops = activity.length;
        float[] closure = new float[hops];
        int context = (int) Math.round(CONTEXT_SECONDS / features.hopSeconds);
        markStopGaps(activity, closure, features.hopSeconds, context);
        markMurmur(features, activity, closure, context);
        return closure;
    }

    private static void markStopGaps(float[] activity, float[] closure, double hopSeconds,
            int context) {
        int minGap = Math.max(1, (int) Math.round(MIN_GAP_SECONDS / hopSeconds));
        int maxGap = (int) Math.round(MAX_GAP_SECONDS / hopSeconds);
        int k = 0;
        while (k < activity.length) {
            if (activity[k] >= GAP_ACTIVITY) {
                k++;
                continue;
            }
            int start = k;
            while (k < activity.length && activity[k] < GAP_ACTIVITY) {
                k++;
            }
            int length = k - start;
            if (length >= minGap && length <= maxGap
                    && max(activity, start - context, start) >= SPEECH_ACTIVITY
                    && max(activity, k, k + context) >= SPEECH_ACTIVITY) {
                for (int j = start; j < k; j++) {
                    closure[j] = 1;
                }
            }
        }
    }

    private static void markMurmur(SpeechFeatures features, float[] activity, float[] closure,
            int context) {
        for (int k = 0; k < activity.length; k++) {
            if (activity[k] < GAP_ACTIVITY || features.meanFrequencyHz[k] > VOICED_MAX_HZ) {
                continue;
            }
            double highDb = 10 * Math.log10(features.highBandShare[k] + 1e-12);
            double murmur = ramp(highDb, MURMUR_ONSET_DB, MURMUR_FULL_DB);
            // Inside speech only: a murmur fading out at the end of an utterance just rests.
            if (murmur > 0 && max(activity, k - context, k) >= SPEECH_ACTIVITY
                    && max(activity, k + 1, k + 1 + context) >= SPEECH_ACTIVITY) {
                closure[k] = (float) Math.max(closure[k], murmur);
            }
        }
    }

    private static double ramp(double value, double zeroAt, double oneAt) {
        return Math.max(0, Math.min(1, (value - zeroAt) / (oneAt - zeroAt)));
    }

    /** Largest value over [from, to), clipped to the array; -infinity when empty. */
    private static float max(float[] values, int from, int to) {
        float max = Float.NEGATIVE_INFINITY;
        for (int j = Math.max(0, from); j < Math.min(values.length, to); j++) {
            max = Math.max(max, values[j]);
        }
        return max;
    }
}
