package com.videogenie.avatar.motion;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded blinks at natural intervals (2-6 s apart). Each blink closes in about 90 ms, stays shut
 * for one frame and reopens more slowly, as real blinks do; its peak falls on a frame so that a
 * 25 fps video shows the eye fully closed.
 */
public final class BlinkSchedule {
    private static final double CLOSING = 0.09;
    private static final double OPENING = 0.16;
    private final double[] peaks;
    private final double hold;

    public BlinkSchedule(long seed, double durationSeconds, int fps) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        double[] times = new double[16];
        int count = 0;
        double t = 0.6 + random.nextDouble() * 1.8;
        while (t < durationSeconds) {
            if (count == times.length) {
                times = Arrays.copyOf(times, count * 2);
            }
            times[count++] = Math.round(t * fps) / (double) fps;
            t += 2.0 + random.nextDouble() * 4.0;
        }
        this.peaks = Arrays.copyOf(times, count);
        this.hold = 1.0 / fps;
    }

    /** Blink times (seconds at which the eyes are fully shut). */
    public double[] peaks() {
        return peaks.clone();
    }

    /** Eye closure in [0, 1] at a time. */
    public double closureAt(double seconds) {
        int i = Arrays.binarySearch(peaks, seconds);
        int next = i >= 0 ? i : -i - 1;
        double closure = 0;
        for (int k = Math.max(0, next - 1); k <= Math.min(peaks.length - 1, next); k++) {
            closure = Math.max(closure, shape(seconds - peaks[k]));
        }
        return closure;
    }

    private double shape(double dt) {
        if (dt < -CLOSING || dt > hold + OPENING) {
            return 0;
        }
        if (dt < 0) {
            return smooth(1 + dt / CLOSING);
        }
        if (dt <= hold * 0.5) {
            return 1;
        }
        return smooth(1 - (dt - hold * 0.5) / (OPENING + hold * 0.5));
    }

    private static double smooth(double x) {
        double c = Math.max(0, Math.min(1, x));
        return c * c * (3 - 2 * c);
    }
}
