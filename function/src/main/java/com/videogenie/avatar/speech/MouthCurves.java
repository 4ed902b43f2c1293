package com.videogenie.avatar.speech;

/**
 * The mapping from speech features to mouth motion, at the hop rate: loudness relative to the
 * levels drives the jaw, formants choose between open (/a/), spread (/i/) and rounded (/u/) lips,
 * frication narrows the mouth, and stop gaps and nasal murmur press the lips together. The file
 * path maps a whole clip at once; a live stream maps a short window around each frame.
 */
final class MouthCurves {
    private static final double ANTICIPATION_SECONDS = 0.015;
    /** Slower than the attack, yet short enough to close the mouth between syllables. */
    private static final double RELEASE_SECONDS = 0.040;
    private static final double ACTIVITY_SMOOTHING_SECONDS = 0.010;
    /** Lip shapes change more slowly than the jaw: they are held across a syllable. */
    private static final double SHAPE_SMOOTHING_SECONDS = 0.040;
    private static final double CLOSURE_SMOOTHING_SECONDS = 0.010;
    private static final double LOUDNESS_SMOOTHING_SECONDS = 0.060;
    /** Lip shapes reach full strength at half the speech activity, with the jaw still part-open. */
    private static final float SHAPE_GAIN = 2f;

    final float[] open;
    final float[] spread;
    final float[] round;
    final float[] closure;
    /** Smoothed speech activity, which head motion follows. */
    final float[] loudness;

    private MouthCurves(float[] open, float[] spread, float[] round, float[] closure, float[] loudness) {
        this.open = open;
        this.spread = spread;
        this.round = round;
        this.closure = closure;
        this.loudness = loudness;
    }

    static MouthCurves of(SpeechFeatures features, SpeechLevels levels) {
        double hop = features.hopSeconds;
        float[] rawActivity = levels.activity(features.levelDb);
        float[] activity =
                Coarticulation.smooth(rawActivity, hops(ACTIVITY_SMOOTHING_SECONDS, hop));
        float[] envelope = Coarticulation.envelope(activity,
                ANTICIPATION_SECONDS / hop, RELEASE_SECONDS / hop);

        int hops = features.hopCount();
        float[] jaw = new float[hops];
        float[] spread = new float[hops];
        float[] round = new float[hops];
        for (int k = 0; k < hops; k++) {
            double frication = VowelSpace.frication(features.meanFrequencyHz[k]);
            double f1 = features.f1Hz[k];
            double f2 = features.f2Hz[k];
            jaw[k] = (float) VowelSpace.jaw(f1, frication);
            spread[k] = (float) VowelSpace.spread(f1, f2, frication);
            round[k] = (float) VowelSpace.round(f1, f2, frication);
        }
        // Formants of quiet hops are mostly noise: let the loud neighbours decide the shape.
        float[] weights = new float[hops];
        for (int k = 0; k < hops; k++) {
            weights[k] = activity[k] + 1e-3f;
        }
        int shapeRadius = hops(SHAPE_SMOOTHING_SECONDS, hop);
        jaw = Coarticulation.weightedSmooth(jaw, weights, shapeRadius);
        spread = Coarticulation.weightedSmooth(spread, weights, shapeRadius);
        round = Coarticulation.weightedSmooth(round, weights, shapeRadius);
        float[] closure = Coarticulation.smooth(ClosureDetector.detect(features, activity),
                hops(CLOSURE_SMOOTHING_SECONDS, hop));

        float[] open = new float[hops];
        for (int k = 0; k < hops; k++) {
            float presence = Math.min(1f, SHAPE_GAIN * envelope[k]);
            // Squared, so that a consonant 15-20 dB under the vowels leaves the jaw nearly shut.
            open[k] = envelope[k] * envelope[k] * jaw[k];
            spread[k] *= presence;
            round[k] *= presence;
        }
        float[] loudness = Coarticulation.smooth(activity, hops(LOUDNESS_SMOOTHING_SECONDS, hop));
        return new MouthCurves(open, spread, round, closure, loudness);
    }

    private static int hops(double seconds, double hopSeconds) {
        return Math.max(1, (int) Math.round(seconds / hopSeconds));
    }
}
