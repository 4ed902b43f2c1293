package com.videogenie.avatar.speech;

/**
 * Turns a hop-rate curve (hop k at time {@code k * hopSeconds}) into one value per video frame:
 * frame i, shown from {@code i / fps}, reads the curve at {@code (i + leadFrames) / fps}, so it
 * shows the sound at or just after its own time. Outside the clip the curve is 0. The curves are
 * smooth on the scale of a hop, so reading them at one instant loses nothing a mean would keep.
 */
final class FrameSampler {
    private final double hopSeconds;
    private final int fps;
    private final double leadFrames;

    FrameSampler(double hopSeconds, int fps, double leadFrames) {
        if (fps <= 0) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        this.hopSeconds = hopSeconds;
        this.fps = fps;
        this.leadFrames = leadFrames;
    }

    float[] sample(float[] curve, int frameCount) {
        float[] frames = new float[frameCount];
        for (int i = 0; i < frameCount; i++) {
            frames[i] = valueAt(curve, position(i));
        }
        return frames;
    }

    /** Where frame i reads the curve, in hops from hop 0. */
    double position(int frame) {
        return (frame + leadFrames) / (fps * hopSeconds);
    }

    /** The curve at a fractional hop position, linearly interpolated; 0 outside it. */
    static float valueAt(float[] curve, double position) {
        int k = (int) Math.floor(position);
        double t = position - k;
        return (float) ((1 - t) * at(curve, k) + t * at(curve, k + 1));
    }

    private static double at(float[] curve, int k) {
        return k >= 0 && k < curve.length ? curve[k] : 0;
    }
}
