package com.videogenie.avatar.speech;

import java.util.Arrays;

/**
 * The clip's own noise floor and speech level, learnt from percentiles of its hop levels, and
 * the mapping of a level onto speech activity in [0, 1]. Working in dB relative to the clip makes
 * a quiet recording animate like a loud one, and a steady hiss sit at the floor, not above it.
 */
final class SpeechLevels {
    static final double FLOOR_PERCENTILE = 0.10;
    static final double SPEECH_PERCENTILE = 0.95;
    /** A clip whose levels span less than this has no pause to learn the floor from. */
    private static final double MIN_SPREAD_DB = 12;
    /** Median LPC gain above which such a steady clip is a held voiced sound rather than noise. */
    private static final double SONORANT_GAIN_DB = 6;
    /** Floor assumed under a held sound: about the depth of a quiet room below speech. */
    private static final double ASSUMED_FLOOR_DB = 40;
    /** Activity starts this far above the floor, so the floor's own flutter reads as silence. */
    private static final double FLOOR_MARGIN_DB = 6;
    /** Nothing quieter than this below the speech level moves the mouth. */
    private static final double MAX_DEPTH_DB = 35;
    /** Activity reaches 1 this far below the speech level. */
    private static final double HEADROOM_DB = 2;
    /** Below this absolute level a clip is treated as silent whatever its shape. */
    private static final double SILENT_CLIP_DB = -90;
    /** Hops at or below this level hold only exact zeros: one 16-bit step is about -90 dB. */
    static final double DIGITAL_SILENCE_DB = -119;

    private final double startDb;
    private final double fullDb;

    private SpeechLevels(double startDb, double fullDb) {
        this.startDb = startDb;
        this.fullDb = fullDb;
    }

    static SpeechLevels of(SpeechFeatures features) {
        if (features.hopCount() == 0) {
            return silent();
        }
        float[] sorted = features.levelDb.clone();
        Arrays.sort(sorted);
        float[] gains = features.predictionGainDb.clone();
        Arrays.sort(gains);
        return of(percentile(sorted, FLOOR_PERCENTILE), percentile(sorted, SPEECH_PERCENTILE),
                percentile(gains, 0.5));
    }

    /**
     * Levels from the clip's floor and speech percentiles (10th and 95th of its hop levels) and the
     * median LPC gain; a live stream passes running estimates of the same statistics.
     */
    static SpeechLevels of(double floor, double speech, double medianGainDb) {
        if (speech < SILENT_CLIP_DB) {
            return silent();
        }
        if (speech - floor < MIN_SPREAD_DB) {
            if (medianGainDb < SONORANT_GAIN_DB) {
                return silent();
            }
            floor = speech - ASSUMED_FLOOR_DB;
        }
        double start = Math.max(floor + FLOOR_MARGIN_DB, speech - MAX_DEPTH_DB);
        double full = speech - HEADROOM_DB;
        return full - start < HEADROOM_DB ? silent() : new SpeechLevels(start, full);
    }

    /**
     * Levels for a stream from running estimates, {@code settled} (0-1) saying how much of a typical
     * clip they rest on. Early on the 10th percentile is mostly speech, not pauses: until it settles
     * the floor is taken no higher than a quiet room's depth below the speech, unless the stream so
     * far looks like steady noise, which must keep the mouth shut from the start.
     */
    static SpeechLevels running(double floor, double speech, double medianGainDb, double settled) {
        boolean steadyNoise = speech - floor < MIN_SPREAD_DB && medianGainDb < SONORANT_GAIN_DB;
        if (steadyNoise || settled >= 1) {
            return of(floor, speech, medianGainDb);
        }
        double prior = Math.min(floor, speech - ASSUMED_FLOOR_DB);
        return of(settled * floor + (1 - settled) * prior, speech, medianGainDb);
    }

    static boolean isDigitalSilence(float levelDb) {
        return levelDb <= DIGITAL_SILENCE_DB;
    }

    /** Activity per hop: 0 up to the floor margin, 1 at the clip's loud speech, linear in dB. */
    float[] activity(float[] levelDb) {
        float[] activity = new float[levelDb.length];
        if (Double.isInfinite(startDb)) {
            return activity;
        }
        double range = fullDb - startDb;
        for (int k = 0; k < levelDb.length; k++) {
            activity[k] = (float) Math.max(0, Math.min(1, (levelDb[k] - startDb) / range));
        }
        return activity;
    }

    private static SpeechLevels silent() {
        return new SpeechLevels(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    private static double percentile(float[] sorted, double fraction) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
    }
}
