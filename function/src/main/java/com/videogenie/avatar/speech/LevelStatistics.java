package com.videogenie.avatar.speech;

/**
 * Running percentiles of hop levels and LPC gains for a stream that has no end yet: fixed 0.1 dB
 * histograms, so memory and the cost of a query stay the same however long the stream runs. At the
 * end of a stream they match {@link SpeechLevels#of(SpeechFeatures)} on the whole clip within a bin,
 * except that hops of exact zeros are left out: in a live stream they are idle time (silence the
 * server draws, or a client keeping the stream alive), not the speaker's room, and minutes of them
 * would pull the 95th percentile "speech" level down until speech no longer opened the mouth.
 */
final class LevelStatistics {
    private static final double BIN_DB = 0.1;
    private static final double LOWEST_DB = -130;
    private static final double HIGHEST_DB = 70;

    private final long[] levels = new long[bins()];
    private final long[] gains = new long[bins()];
    private final long settleHops;
    private long count;

    /** @param settleHops hops after which the percentiles are trusted as they are */
    LevelStatistics(long settleHops) {
        this.settleHops = settleHops;
    }

    /** Adds one hop; hops of exact zeros are skipped. */
    void add(float levelDb, float gainDb) {
        if (SpeechLevels.isDigitalSilence(levelDb)) {
            return;
        }
        levels[bin(levelDb)]++;
        gains[bin(gainDb)]++;
        count++;
    }

    SpeechLevels levels() {
        if (count == 0) {
            return SpeechLevels.of(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, 0);
        }
        return SpeechLevels.running(percentile(levels, SpeechLevels.FLOOR_PERCENTILE),
                percentile(levels, SpeechLevels.SPEECH_PERCENTILE), percentile(gains, 0.5),
                Math.min(1, count / (double) settleHops));
    }

    /** The value at rank floor(fraction * count) of the sorted values, as the clip path reads it. */
    private double percentile(long[] histogram, double fraction) {
        long rank = Math.min(count - 1, (long) Math.floor(fraction * count));
        long seen = 0;
        for (int b = 0; b < histogram.length; b++) {
            seen += histogram[b];
            if (seen > rank) {
                return LOWEST_DB + (b + 0.5) * BIN_DB;
            }
        }
        return HIGHEST_DB;
    }

    private static int bins() {
        return (int) Math.round((HIGHEST_DB - LOWEST_DB) / BIN_DB);
    }

    private static int bin(float db) {
        if (Float.isNaN(db)) {
            return 0;
        }
        int b = (int) Math.floor((db - LOWEST_DB) / BIN_DB);
        return Math.max(0, Math.min(bins() - 1, b));
    }
}
