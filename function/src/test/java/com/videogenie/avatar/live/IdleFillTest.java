package com.videogenie.avatar.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IdleFillTest {
    private static final int RATE = 16_000;
    private static final long MS = 1_000_000L;

    @Test
    void owesNothingWhileAudioKeepsComing() {
        IdleFill fill = new IdleFill(0.25, RATE);
        fill.start(0);
        long received = 0;
        // A client 100 ms behind the clock but sending every 20 ms: jitter, not a pause.
        for (long t = 100; t <= 2000; t += 20) {
            fill.audio(t * MS);
            received += RATE / 50;
            assertEquals(0, fill.owed(t * MS, received - RATE / 10));
        }
        assertEquals(0, fill.filledSeconds());
    }

    @Test
    void fillsUpToTheClockOnceAudioPausedLongerThanTheGap() {
        IdleFill fill = new IdleFill(0.25, RATE);
        fill.start(0);
        fill.audio(1000 * MS);
        long received = RATE;
        assertEquals(0, fill.owed(1200 * MS, received), "within the gap");
        int owed = fill.owed(1300 * MS, received);
        assertEquals(RATE * 3 / 10, owed, "from the end of the audio to the clock");
        received += owed;
        assertEquals(RATE * 4 / 100, fill.owed(1340 * MS, received), "then every tick, without waiting again");
        assertEquals(0.34, fill.filledSeconds(), 1e-9);
    }

    @Test
    void owesNothingWhileTheStreamIsAheadOfTheClock() {
        IdleFill fill = new IdleFill(0.25, RATE);
        fill.start(0);
        fill.audio(100 * MS);
        // Five seconds of speech arrived at once: the viewer has video until 5 s.
        assertEquals(0, fill.owed(4000 * MS, 5L * RATE));
        assertEquals(RATE / 2, fill.owed(5500 * MS, 5L * RATE));
    }

    @Test
    void resumedAudioEndsTheFillUntilTheNextGap() {
        IdleFill fill = new IdleFill(0.25, RATE);
        fill.start(0);
        long received = fill.owed(500 * MS, 0);
        assertEquals(RATE / 2, received, "idle from the start when no audio comes");
        fill.audio(520 * MS);
        received += RATE / 50;
        assertEquals(0, fill.owed(600 * MS, received));
    }

    @Test
    void rejectsANonPositiveGap() {
        assertThrows(IllegalArgumentException.class, () -> new IdleFill(0, RATE));
    }
}
