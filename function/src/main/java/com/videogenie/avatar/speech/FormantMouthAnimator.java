package com.videogenie.avatar.speech;

/**
 * Mouth motion from the speech signal alone: loudness relative to the clip's own floor drives
 * the jaw, LPC formants choose between open (/a/), spread (/i/) and rounded (/u/) lips, frication
 * narrows the mouth, and stop gaps and nasal murmur press the lips together. Deterministic, and
 * linear in the clip's length: ten minutes of audio take about half a second of one core.
 */
public final class FormantMouthAnimator implements MouthAnimator {
    /**
     * Frame i shows the mouth for the sound one frame after the frame starts (half a frame after
     * its middle): lips move before the voice is heard, and a sound starting anywhere inside a
     * frame has opened the mouth by that frame, never later.
     */
    static final double LEAD_FRAMES = 1.0;
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

    @Override
    public MouthTrack animate(AudioClip audio, int fps, int frameCount) {
        if (fps <= 0) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("frame count must not be negative: " + frameCount);
        }
        SpeechFeatures features = new SpeechAnalyzer(audio.sampleRate()).analyze(audio.samples());
        double hop = features.hopSeconds;
        float[] rawActivity = SpeechLevels.of(features).activity(features.levelDb);
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

        FrameSampler mouth = new FrameSampler(hop, fps, LEAD_FRAMES);
        float[] frameOpen = mouth.sample(open, frameCount);
        float[] frameSpread = mouth.sample(spread, frameCount);
        float[] frameRound = mouth.sample(round, frameCount);
        float[] frameClosure = mouth.sample(closure, frameCount);
        // Head motion follows what is heard during the frame, read at its middle.
        float[] frameLoudness = new FrameSampler(hop, fps, 0.5).sample(loudness, frameCount);
        MouthPose[] poses = new MouthPose[frameCount];
        for (int i = 0; i < frameCount; i++) {
            poses[i] = new MouthPose(frameOpen[i], frameSpread[i], frameRound[i], frameClosure[i]);
            frameLoudness[i] = Math.max(0f, Math.min(1f, frameLoudness[i]));
        }
        return new MouthTrack(poses, frameLoudness);
    }

    private static int hops(double seconds, double hopSeconds) {
        return Math.max(1, (int) Math.round(seconds / hopSeconds));
    }
}
