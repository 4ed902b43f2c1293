package com.videogenie.avatar.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SpeechGesturesTest {
    private static final int FPS = 25;
    private static final double DEG = Math.PI / 180;

    /** Syllables every 0.25 s (loud for 0.12 s), in two phrases with a 0.8 s pause between. */
    private static double loudness(int frame) {
        double t = frame / (double) FPS;
        boolean pause = t < 0.5 || (t > 3.0 && t < 3.8) || t > 6.5;
        return !pause && (t % 0.25) < 0.12 ? 0.9 : 0.05;
    }

    @Test
    void silenceMakesNoGesture() {
        SpeechGestures gestures = new SpeechGestures(3, FPS);
        for (int frame = 0; frame < 5 * FPS; frame++) {
            assertEquals(SpeechGestures.Gesture.NONE.pitch(), gestures.next(0.02).pitch(), 1e-12);
        }
    }

    @Test
    void stressedSyllablesNodTheHeadAndPhrasesTurnIt() {
        SpeechGestures gestures = new SpeechGestures(3, FPS);
        double maxNod = 0;
        double[] yaw = new double[8 * FPS];
        for (int frame = 0; frame < yaw.length; frame++) {
            SpeechGestures.Gesture g = gestures.next(loudness(frame));
            yaw[frame] = g.yaw();
            maxNod = Math.max(maxNod, Math.abs(g.pitch()));
            assertTrue(Math.abs(g.yaw()) <= 3.5 * DEG + 1e-9 && Math.abs(g.roll()) <= 1.5 * DEG + 1e-9);
        }
        assertTrue(maxNod > 1.5 * DEG, "nod " + maxNod / DEG + " deg");
        // Each phrase settles into its own orientation: late in the first and late in the second.
        assertNotEquals(yaw[(int) (2.8 * FPS)], yaw[(int) (6.3 * FPS)], 0.2 * DEG);
    }

    /** Under 25 degrees a second: a brisk nod, well inside how fast real heads turn while talking. */
    @Test
    void movesSmoothlyFromFrameToFrame() {
        SpeechGestures gestures = new SpeechGestures(5, FPS);
        SpeechGestures.Gesture before = gestures.next(loudness(0));
        for (int frame = 1; frame < 8 * FPS; frame++) {
            SpeechGestures.Gesture g = gestures.next(loudness(frame));
            assertTrue(Math.abs(g.pitch() - before.pitch()) < 1.0 * DEG, "pitch step at frame " + frame);
            assertTrue(Math.abs(g.yaw() - before.yaw()) < 1.0 * DEG, "yaw step at frame " + frame);
            before = g;
        }
    }

    @Test
    void isAFunctionOfSeedAndLoudness() {
        SpeechGestures a = new SpeechGestures(4, FPS);
        SpeechGestures b = new SpeechGestures(4, FPS);
        for (int frame = 0; frame < 8 * FPS; frame++) {
            assertEquals(a.next(loudness(frame)), b.next(loudness(frame)));
        }
    }
}
