package com.videogenie.avatar.speech;

/**
 * Mouth motion from the speech signal alone ({@link MouthCurves}), with levels learnt from the
 * whole clip. Deterministic, and linear in the clip's length: ten minutes of audio take about half
 * a second of one core. {@link LiveMouth} is the same mapping for audio that is still arriving.
 */
public final class FormantMouthAnimator implements MouthAnimator {
    /**
     * Frame i shows the mouth for the sound one frame after the frame starts (half a frame after
     * its middle): lips move before the voice is heard, and a sound starting anywhere inside a
     * frame has opened the mouth by that frame, never later.
     */
    static final double LEAD_FRAMES = 1.0;

    @Override
    public String name() {
        return "formant";
    }

    @Override
    public MouthTrack animate(AudioClip audio, int fps, int frameCount) {
        if (fps <= 0) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        if (frameCount < 0) {
            throw new IllegalArgumentException("frame count must not be negative: " + frameCount);
        }
        SpeechFeatures features = new SpeechAnalyzer(audio.sampleRate()).analyze(audio.samples());
        MouthCurves curves = MouthCurves.of(features, SpeechLevels.of(features));
        double hop = features.hopSeconds;

        FrameSampler mouth = new FrameSampler(hop, fps, LEAD_FRAMES);
        float[] frameOpen = mouth.sample(curves.open, frameCount);
        float[] frameSpread = mouth.sample(curves.spread, frameCount);
        float[] frameRound = mouth.sample(curves.round, frameCount);
        float[] frameClosure = mouth.sample(curves.closure, frameCount);
        // Head motion follows what is heard during the frame, read at its middle.
        float[] frameLoudness = new FrameSampler(hop, fps, 0.5).sample(curves.loudness, frameCount);
        MouthPose[] poses = new MouthPose[frameCount];
        for (int i = 0; i < frameCount; i++) {
            poses[i] = new MouthPose(frameOpen[i], frameSpread[i], frameRound[i], frameClosure[i]);
            frameLoudness[i] = Math.max(0f, Math.min(1f, frameLoudness[i]));
        }
        return new MouthTrack(poses, frameLoudness);
    }

    @Override
    public StreamingMouth stream(int sampleRate, int fps, double lookAheadSeconds, StreamingMouth.Listener listener) {
        return new LiveMouth(sampleRate, fps, lookAheadSeconds, listener);
    }
}
