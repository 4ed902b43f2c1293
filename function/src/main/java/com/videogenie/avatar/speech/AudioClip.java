package com.videogenie.avatar.speech;

/**
 * Mono PCM in [-1, 1] at a fixed analysis rate. Held whole: the request's duration cap bounds it
 * (10 minutes at 16 kHz is 38 MB), and mouth analysis looks ahead for coarticulation.
 */
public record AudioClip(float[] samples, int sampleRate) {
    public AudioClip {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
    }

    public double durationSeconds() {
        return samples.length / (double) sampleRate;
    }

    /** Frames of video for this clip at {@code fps}: see {@link #frameCount(long, int, int)}. */
    public int frameCount(int fps) {
        return frameCount(samples.length, sampleRate, fps);
    }

    /**
     * Frames of video for this many samples: one per frame period, rounded, at least one. A file
     * render and a live stream of the same sound both use this, so they end on the same frame.
     */
    public static int frameCount(long samples, int sampleRate, int fps) {
        return Math.max(1, (int) Math.round(samples / (double) sampleRate * fps));
    }
}
