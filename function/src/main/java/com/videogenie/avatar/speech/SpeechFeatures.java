package com.videogenie.avatar.speech;

/**
 * Per-hop measurements of one clip, hop k centred on {@code k * hopSeconds}. Small arrays (a
 * handful of floats per 10 ms) are all the mouth stage keeps of the audio. Package-private and
 * never changed after {@link SpeechAnalyzer} fills it.
 */
final class SpeechFeatures {
    final double hopSeconds;
    /** Mean-square level in dB relative to full scale (about -120 for digital silence). */
    final float[] levelDb;
    /** Power-weighted mean frequency from the lag-1 autocorrelation: low voiced, high for /s/. */
    final float[] meanFrequencyHz;
    /** Share of energy above 1 kHz, in the band formants are read from: tiny in nasal murmur. */
    final float[] highBandShare;
    /** LPC prediction gain of the pre-emphasised frame: high for resonant sounds, ~0 for hiss. */
    final float[] predictionGainDb;
    /** First and second formant, NaN where the envelope showed no such peak. */
    final float[] f1Hz;
    final float[] f2Hz;

    SpeechFeatures(double hopSeconds, int hops) {
        if (!(hopSeconds > 0) || hops < 0) {
            throw new IllegalArgumentException("invalid hop layout: " + hops + " x " + hopSeconds);
        }
        this.hopSeconds = hopSeconds;
        this.levelDb = new float[hops];
        this.meanFrequencyHz = new float[hops];
        this.highBandShare = new float[hops];
        this.predictionGainDb = new float[hops];
        this.f1Hz = new float[hops];
        this.f2Hz = new float[hops];
    }

    int hopCount() {
        return levelDb.length;
    }
}
