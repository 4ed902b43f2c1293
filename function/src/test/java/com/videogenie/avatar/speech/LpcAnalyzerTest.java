package com.videogenie.avatar.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LpcAnalyzerTest {
    private static final int RATE = 8000;

    @Test
    void recoversCoefficientsOfKnownAllPoleFilter() {
        // Poles at radius 0.9, 0.2 pi and radius 0.8, 0.55 pi: a stable, clearly resonant filter.
        double[] a = multiply(pair(0.9, 0.2 * Math.PI), pair(0.8, 0.55 * Math.PI));
        double[] excitation = whiteNoise(RATE * 4, 1);
        float[] output = allPole(a, excitation);
        float[] frame = window(output);

        LpcAnalyzer lpc = new LpcAnalyzer(RATE, 4, 3500);
        double gain = lpc.fit(frame, frame.length);
        double[] fitted = lpc.predictor();

        assertEquals(1.0, fitted[0]);
        for (int k = 1; k < a.length; k++) {
            assertEquals(a[k], fitted[k], 0.03, "coefficient " + k);
        }
        double expectedGain = energy(output) / energy(excitation);
        assertEquals(expectedGain, gain, 0.1 * expectedGain, "output over excitation energy");
    }

    @Test
    void findsFormantOfSyntheticResonatorWithinTenPercent() {
        double[] formants = formantsOf(new double[] {500});

        assertTrue(formants.length >= 1);
        assertEquals(500, formants[0], 50);
    }

    @Test
    void separatesFirstTwoFormantsOfOpenVowel() {
        double[] formants = formantsOf(new double[] {750, 1200, 2500});

        assertTrue(formants.length >= 2);
        assertEquals(750, formants[0], 75);
        assertEquals(1200, formants[1], 120);
    }

    @Test
    void separatesCloseFormantsOfBackVowel() {
        double[] formants = formantsOf(new double[] {300, 800, 2300});

        assertTrue(formants.length >= 2);
        assertEquals(300, formants[0], 30);
        assertEquals(800, formants[1], 80);
    }

    @Test
    void treatsSilentFrameAsUnpredictableAndFormantless() {
        LpcAnalyzer lpc = new LpcAnalyzer(RATE, 10, 3500);

        assertEquals(1.0, lpc.fit(new float[240], 240));
        assertEquals(0, lpc.formants(new double[4]));
    }

    /** 30 ms of a 120 Hz pulse train through the resonators, Hann-windowed, analysed at order 10. */
    private static double[] formantsOf(double[] resonances) {
        SyntheticSpeech speech = new SyntheticSpeech(RATE);
        float[] voiced = speech.voiced(0.2, resonances, 0.1);
        float[] frame = new float[240];
        System.arraycopy(voiced, 800, frame, 0, frame.length);
        LpcAnalyzer lpc = new LpcAnalyzer(RATE, 10, 3500);
        lpc.fit(window(frame), frame.length);
        double[] found = new double[4];
        int count = lpc.formants(found);
        return Arrays.copyOf(found, count);
    }

    /** {@code 1 - 2 r cos(theta) z^-1 + r^2 z^-2}: a conjugate pole pair. */
    private static double[] pair(double radius, double theta) {
        return new double[] {1, -2 * radius * Math.cos(theta), radius * radius};
    }

    private static double[] multiply(double[] p, double[] q) {
        double[] out = new double[p.length + q.length - 1];
        for (int i = 0; i < p.length; i++) {
            for (int j = 0; j < q.length; j++) {
                out[i + j] += p[i] * q[j];
            }
        }
        return out;
    }

    private static float[] allPole(double[] a, double[] excitation) {
        float[] out = new float[excitation.length];
        for (int n = 0; n < out.length; n++) {
            double y = excitation[n];
            for (int k = 1; k < a.length && k <= n; k++) {
                y -= a[k] * out[n - k];
            }
            out[n] = (float) y;
        }
        return out;
    }

    private static double energy(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return sum;
    }

    private static double energy(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v * v;
        }
        return sum;
    }

    private static double[] whiteNoise(int length, long seed) {
        Random random = new Random(seed);
        double[] noise = new double[length];
        for (int i = 0; i < length; i++) {
            noise[i] = random.nextGaussian();
        }
        return noise;
    }

    private static float[] window(float[] frame) {
        float[] out = new float[frame.length];
        for (int n = 0; n < frame.length; n++) {
            out[n] = (float) (frame[n] * (0.5 - 0.5 * Math.cos(2 * Math.PI * (n + 0.5) / frame.length)));
        }
        return out;
    }
}
