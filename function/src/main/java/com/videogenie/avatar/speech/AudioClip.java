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
}
