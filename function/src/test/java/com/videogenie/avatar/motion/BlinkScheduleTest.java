package com.videogenie.avatar.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlinkScheduleTest {
    private static final int FPS = 25;

    @Test
    void inSilenceTheEyesBlinkEveryTwoAndAHalfToSixSeconds() {
        int[] peaks = peaks(closures(5, new float[10 * 60 * FPS]));
        assertTrue(peaks.length > 95 && peaks.length < 245, "blinks in 10 minutes: " + peaks.length);
        assertTrue(peaks[0] >= 0.6 * FPS - 1 && peaks[0] <= 2.4 * FPS + 1, "first blink at frame " + peaks[0]);
        for (int i = 1; i < peaks.length; i++) {
            int gap = peaks[i] - peaks[i - 1];
            assertTrue(gap >= 2.5 * FPS - 1 && gap <= 6.0 * FPS + 1, "gap " + gap + " frames");
        }
    }

    @Test
    void eyesCloseFullyOnAFrameAndAreOpenBetweenBlinks() {
        double[] closure = closures(7, new float[60 * FPS]);
        for (int peak : peaks(closure)) {
            assertEquals(1.0, closure[peak], 1e-9);
            assertTrue(closure[peak - 1] > 0.2, "closing takes a few frames");
            assertEquals(0.0, closure[peak + FPS / 2], 1e-9, "open again half a second later");
        }
    }

    @Test
    void phraseEndsBringBlinksAndTheRateStaysNatural() {
        // Phrases of 1.6 s, each followed by a 0.5 s pause.
        float[] loudness = new float[2 * 60 * FPS];
        int cycle = (int) (2.1 * FPS);
        for (int i = 0; i < loudness.length; i++) {
            loudness[i] = i % cycle < 1.6 * FPS ? 0.7f : 0f;
        }
        for (long seed = 1; seed <= 5; seed++) {
            int[] peaks = peaks(closures(seed, loudness));
            int inPauses = 0;
            for (int peak : peaks) {
                if (peak % cycle >= 1.6 * FPS && peak % cycle < 1.6 * FPS + 0.35 * FPS) {
                    inPauses++;
                }
            }
            double perMinute = peaks.length / 2.0;
            assertTrue(perMinute >= 10 && perMinute <= 25, "seed " + seed + ": " + perMinute + " blinks a minute");
            assertTrue(inPauses >= 0.6 * peaks.length, "seed " + seed + ": " + inPauses + " of " + peaks.length
                    + " blinks at a phrase's end");
        }
    }

    @Test
    void sameSeedAndSpeechSameBlinksOtherSeedOtherBlinks() {
        float[] silence = new float[60 * FPS];
        assertArrayEquals(peaks(closures(5, silence)), peaks(closures(5, silence)));
        assertFalse(Arrays.equals(peaks(closures(5, silence)), peaks(closures(6, silence))));
    }

    private static double[] closures(long seed, float[] loudness) {
        BlinkSchedule blinks = new BlinkSchedule(seed, FPS);
        double[] closure = new double[loudness.length];
        for (int i = 0; i < loudness.length; i++) {
            closure[i] = blinks.next(loudness[i]);
        }
        return closure;
    }

    /** Frames at which the eyes are fully shut. */
    private static int[] peaks(double[] closure) {
        List<Integer> peaks = new ArrayList<>();
        for (int i = 0; i < closure.length; i++) {
            if (closure[i] == 1.0) {
                peaks.add(i);
            }
        }
        return peaks.stream().mapToInt(Integer::intValue).toArray();
    }
}
