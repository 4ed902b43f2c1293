package com.videogenie.avatar.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LevelStatisticsTest {
    private static final float[] PROBE = {-80, -60, -45, -35, -30, -25, -20, -15};

    @Test
    void settledStatisticsMapLevelsAsTheWholeClipDoes() throws Exception {
        AudioClip clip = RecordedSpeechTest.load(RecordedSpeechTest.assetPath());
        SpeechFeatures features = new SpeechAnalyzer(clip.sampleRate()).analyze(clip.samples());
        LevelStatistics running = new LevelStatistics(1);
        for (int k = 0; k < features.hopCount(); k++) {
            running.add(features.levelDb[k], features.predictionGainDb[k]);
        }
        // Within a 0.1 dB histogram bin of the exact percentiles.
        assertArrayEquals(SpeechLevels.of(features).activity(PROBE), running.levels().activity(PROBE), 0.01f);
    }

    @Test
    void keepsTheMouthShutForSteadyNoiseFromTheStart() {
        LevelStatistics running = new LevelStatistics(500);
        for (int k = 0; k < 50; k++) {
            running.add(-40 + (k % 3), 2);
        }
        float[] activity = running.levels().activity(new float[] {-38, -35});
        assertTrue(activity[0] == 0 && activity[1] == 0, "hiss reads as silence");
    }

    @Test
    void holdsTheFloorWellBelowEarlySpeech() {
        LevelStatistics running = new LevelStatistics(500);
        for (int k = 0; k < 50; k++) {
            running.add(-22 + (k % 8), 15);
        }
        // Speech only so far: its own 10th percentile would make its quieter syllables silent.
        float[] activity = running.levels().activity(new float[] {-40});
        assertTrue(activity[0] > 0, "a syllable 25 dB under the speech still moves the mouth");
    }
}
