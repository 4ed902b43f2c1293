package com.videogenie.avatar.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class FrameSamplerTest {
    /** 10 ms hops holding their own time in seconds: the sampler's reading is the time it read. */
    private static final float[] CLOCK = new float[101];

    static {
        for (int k = 0; k < CLOCK.length; k++) {
            CLOCK[k] = k * 0.01f;
        }
    }

    @Test
    void readsEachFrameOneLeadLaterThanItsStart() {
        float[] frames = new FrameSampler(0.01, 25, 1.0).sample(CLOCK, 3);

        assertArrayEquals(new float[] {0.04f, 0.08f, 0.12f}, frames, 1e-5f);
    }

    @Test
    void interpolatesBetweenHops() {
        float[] frames = new FrameSampler(0.01, 30, 0.0).sample(CLOCK, 3);

        assertArrayEquals(new float[] {0f, 1 / 30f, 2 / 30f}, frames, 1e-5f);
    }

    @Test
    void readsZeroPastTheEndOfTheClip() {
        float[] frames = new FrameSampler(0.01, 25, 1.0).sample(CLOCK, 30);

        assertArrayEquals(new float[] {0f, 0f}, new float[] {frames[25], frames[29]});
    }
}
