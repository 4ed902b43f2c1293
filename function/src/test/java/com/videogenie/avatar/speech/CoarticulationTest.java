package com.videogenie.avatar.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CoarticulationTest {
    @Test
    void envelopeRisesWithoutDelayAndAnticipatesBriefly() {
        float[] step = new float[20];
        for (int k = 10; k < 20; k++) {
            step[k] = 1;
        }

        float[] envelope = Coarticulation.envelope(step, 1.5, 4);

        assertEquals(1f, envelope[10], "full at the first loud hop");
        assertTrue(envelope[9] > 0.3 && envelope[9] < 1, "starts to move one hop before: " + envelope[9]);
        assertTrue(envelope[6] < 0.1, "still at rest well before: " + envelope[6]);
    }

    @Test
    void envelopeReleasesSlowerThanItAnticipatesButWithinAFewTimeConstants() {
        float[] pulse = new float[30];
        pulse[10] = 1;

        float[] envelope = Coarticulation.envelope(pulse, 1.5, 4);

        assertTrue(envelope[12] > envelope[8], "release is slower than anticipation");
        assertTrue(envelope[10 + 12] < 0.05, "gone after three time constants: " + envelope[22]);
    }

    @Test
    void smoothingKeepsPeaksInPlace() {
        float[] impulse = new float[21];
        impulse[10] = 1;

        float[] smooth = Coarticulation.smooth(impulse, 3);

        assertEquals(smooth[9], smooth[11], 1e-6f, "symmetric: no phase shift");
        assertTrue(smooth[10] > smooth[9]);
        assertEquals(0f, smooth[6]);
    }

    @Test
    void weightedSmoothingLetsWeightyNeighboursDecide() {
        float[] values = {0.9f, 0.9f, 0.1f, 0.9f, 0.9f};
        float[] weights = {1f, 1f, 0.001f, 1f, 1f};

        float[] smooth = Coarticulation.weightedSmooth(values, weights, 1);

        assertEquals(0.9f, smooth[2], 0.01f);
        assertArrayEquals(new float[] {0.9f, 0.9f}, new float[] {smooth[0], smooth[4]}, 0.01f);
    }
}
