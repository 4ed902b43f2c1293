package com.videogenie.avatar.motion;

import java.util.SplittableRandom;

/**
 * Natural idle head motion: per axis, a few slow sinusoids with seeded frequencies and phases
 * (quasi-periodic, so it never visibly repeats), plus a small nod that follows speech loudness.
 * A pure function of (seed, time): frames can be rendered in any order or live.
 */
public final class IdleHeadMotion {
    private static final int WAVES = 3;
    private static final double DEG = Math.PI / 180;
    /** Per axis peak amplitudes: yaw, pitch, roll (radians), shift x, shift y (face heights). */
    private static final double[] AMPLITUDE = {2.6 * DEG, 1.8 * DEG, 1.3 * DEG, 0.006, 0.004};
    private static final double SPEECH_NOD = 1.6 * DEG;

    private final double[][] frequency = new double[AMPLITUDE.length][WAVES];
    private final double[][] phase = new double[AMPLITUDE.length][WAVES];
    private final double[][] weight = new double[AMPLITUDE.length][WAVES];

    public IdleHeadMotion(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int axis = 0; axis < AMPLITUDE.length; axis++) {
            double total = 0;
            for (int w = 0; w < WAVES; w++) {
                // Spread over 0.04-0.45 Hz: slow sway plus small, quicker adjustments.
                frequency[axis][w] = 0.04 * Math.pow(11.0, (w + random.nextDouble()) / WAVES);
                phase[axis][w] = random.nextDouble() * 2 * Math.PI;
                weight[axis][w] = 1.0 / (1 + w) * (0.6 + 0.8 * random.nextDouble());
                total += weight[axis][w];
            }
            for (int w = 0; w < WAVES; w++) {
                weight[axis][w] /= total;
            }
        }
    }

    /**
     * @param seconds  time of the frame
     * @param loudness smoothed speech loudness in [0, 1] at that time
     */
    public HeadPose poseAt(double seconds, double loudness) {
        double[] v = new double[AMPLITUDE.length];
        for (int axis = 0; axis < AMPLITUDE.length; axis++) {
            double sum = 0;
            for (int w = 0; w < WAVES; w++) {
                sum += weight[axis][w] * Math.sin(2 * Math.PI * frequency[axis][w] * seconds + phase[axis][w]);
            }
            v[axis] = sum * AMPLITUDE[axis];
        }
        return new HeadPose(v[0], v[1] + SPEECH_NOD * loudness, v[2], v[3], v[4]);
    }
}
