package com.videogenie.avatar.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlinkScheduleTest {
    @Test
    void blinksEveryTwoToSixSeconds() {
        double[] peaks = new BlinkSchedule(42, 600, 25).peaks();
        assertTrue(peaks.length > 90 && peaks.length < 300, "blinks in 10 minutes: " + peaks.length);
        assertTrue(peaks[0] > 0.5 && peaks[0] < 2.5, "first blink at " + peaks[0]);
        for (int i = 1; i < peaks.length; i++) {
            double gap = peaks[i] - peaks[i - 1];
            assertTrue(gap >= 2.0 - 0.04 && gap <= 6.0 + 0.04, "gap " + gap);
        }
    }

    @Test
    void eyesCloseFullyOnAFrameAndAreOpenBetweenBlinks() {
        BlinkSchedule blinks = new BlinkSchedule(7, 30, 25);
        for (double peak : blinks.peaks()) {
            assertEquals(1.0, blinks.closureAt(peak), 1e-9);
            assertEquals(0.0, blinks.closureAt(peak + 1.0), 1e-9);
            assertTrue(blinks.closureAt(peak - 0.04) > 0.2, "closing takes a few frames");
        }
    }

    @Test
    void sameSeedSameBlinksOtherSeedOtherBlinks() {
        assertArrayEquals(new BlinkSchedule(5, 60, 25).peaks(), new BlinkSchedule(5, 60, 25).peaks());
        assertFalse(Arrays.equals(new BlinkSchedule(5, 60, 25).peaks(), new BlinkSchedule(6, 60, 25).peaks()));
    }
}
