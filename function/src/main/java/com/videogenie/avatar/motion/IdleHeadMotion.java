package com.videogenie.avatar.motion;

import java.util.SplittableRandom;

/**
 * Natural idle head motion: per axis, a few slow sinusoids with seeded frequencies and phases
 * (quasi-periodic, so it never visibly repeats), plus a small nod that follows speech loudness;
 * and the sway of the whole picture ({@link Framing}) made the same way, a little quicker.
 * A pure function of (seed, time): frames can be rendered in any order or live.
 */
public final class IdleHeadMotion {
    private static final int WAVES = 3;
    private static final double DEG = Math.PI / 180;
    /**
     * Per axis peak amplitudes: yaw, pitch, roll (radians), head shift x, y (face heights), then
     * the picture's shift x, y (face heights). Real speakers' noses wander 0.15-0.3 interocular
     * distances; turning the head further than this would stretch what lies behind it, so the
     * rest of the wander comes from the picture moving as a whole.
     */
    private static final double[] AMPLITUDE = {3.6 * DEG, 2.4 * DEG, 1.8 * DEG, 0.006, 0.004, 0.10, 0.065};
    private static final int FRAMING_AXIS = 5;
    /** Lowest frequency per axis, Hz: the picture sways faster than the head turns. */
    private static final double[] LOWEST_HZ = {0.04, 0.04, 0.04, 0.04, 0.04, 0.07, 0.07};
    private static final double SPEECH_NOD = 1.6 * DEG;

    private final double[][] frequency = new double[AMPLITUDE.length][WAVES];
    private final double[][] phase = new double[AMPLITUDE.length][WAVES];
    private final double[][] weight = new double[AMPLITUDE.length][WAVES];

    public IdleHeadMotion(long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int axis = 0; axis < AMPLITUDE.length; axis++) {
            double total = 0;
            for (int w = 0; w < WAVES; w++) {
                // Spread over a decade above the lowest: slow sway plus small, quicker adjustments.
                frequency[axis][w] = LOWEST_HZ[axis] * Math.pow(11.0, (w + random.nextDouble()) / WAVES);
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
        return new HeadPose(axis(0, seconds), axis(1, seconds) + SPEECH_NOD * loudness, axis(2, seconds),
                axis(3, seconds), axis(4, seconds));
    }

    /** Where the picture sits at a time. */
    public Framing framingAt(double seconds) {
        return new Framing(axis(FRAMING_AXIS, seconds), axis(FRAMING_AXIS + 1, seconds));
    }

    private double axis(int axis, double seconds) {
        double sum = 0;
        for (int w = 0; w < WAVES; w++) {
            sum += weight[axis][w] * Math.sin(2 * Math.PI * frequency[axis][w] * seconds + phase[axis][w]);
        }
        return sum * AMPLITUDE[axis];
    }
}
