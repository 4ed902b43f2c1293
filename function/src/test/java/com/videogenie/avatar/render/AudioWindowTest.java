package com.videogenie.avatar.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AudioWindowTest {
    private static final AudioWindow.Span SPAN = new AudioWindow.Span(800, 1200);

    /** Sample i of the test speech is i + 1, so any misplaced copy shows. */
    private static float[] ramp(int length) {
        float[] speech = new float[length];
        for (int i = 0; i < length; i++) {
            speech[i] = i + 1;
        }
        return speech;
    }

    @Test
    void aFramesWindowStartsBeforeTheFrameAndReadsSilenceOutsideTheSpeech() {
        float[] speech = ramp(16_000);
        AudioWindow window = new AudioWindow(SPAN);

        window.fill(speech, 10, 25);
        assertEquals(6400 - 800, window.start());
        assertEquals(5601, window.samples()[0]);
        assertEquals(7600, window.samples()[1999]);

        window.fill(speech, 0, 25);
        assertEquals(-800, window.start());
        assertEquals(0, window.samples()[799], "before the speech is silence");
        assertEquals(1, window.samples()[800]);

        window.fill(speech, 24, 25);
        assertEquals(15_360 - 800, window.start());
        assertEquals(16_000, window.samples()[16_000 - 14_560 - 1]);
        assertEquals(0, window.samples()[16_000 - 14_560], "past the end is silence");
    }

    @Test
    void frameStartsRoundDownAtRatesThatDoNotDivideTheSampleRate() {
        assertEquals(533, AudioWindow.frameStart(1, 30));
        assertEquals(16_000, AudioWindow.frameStart(30, 30));
        assertEquals(16_000 * 7 / 3, AudioWindow.frameStart(70, 30));
    }

    @Test
    void aStreamFillsTheSameWindowAsTheWholeSpeechWhileTheRingHoldsIt() {
        float[] speech = ramp(40_000);
        AudioHistory history = new AudioHistory(8_000);
        AudioWindow fromSpeech = new AudioWindow(SPAN);
        AudioWindow fromStream = new AudioWindow(SPAN);
        int fed = 0;
        for (int frame = 0; frame < 60; frame++) {
            // The stream has received the frame's window, and a little more, by the time it is drawn.
            long needed = Math.min(speech.length, AudioWindow.frameStart(frame, 25) + SPAN.after() + 333);
            while (fed < needed) {
                int piece = (int) Math.min(320, needed - fed);
                history.append(speech, fed, piece);
                fed += piece;
            }
            fromSpeech.fill(speech, frame, 25);
            fromStream.fill(history, frame, 25);
            assertArrayEquals(fromSpeech.samples(), fromStream.samples(), "frame " + frame);
        }
    }

    @Test
    void soundOlderThanTheRingOrNotYetHeardIsSilence() {
        AudioHistory history = new AudioHistory(1000);
        assertEquals(1024, history.capacity());
        float[] speech = ramp(3000);
        history.append(speech, 0, 3000);
        float[] out = new float[10];

        history.copy(3000 - 1024 - 5, out);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1977, 1978, 1979, 1980, 1981}, out);
        history.copy(2995, out);
        assertArrayEquals(new float[] {2996, 2997, 2998, 2999, 3000, 0, 0, 0, 0, 0}, out);
    }

    @Test
    void aSpanIsBounded() {
        assertThrows(IllegalArgumentException.class, () -> new AudioWindow.Span(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> new AudioWindow.Span(100_000, 80_001));
        assertEquals(0, new AudioWindow(AudioWindow.Span.NONE).rms());
    }
}
