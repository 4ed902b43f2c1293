package com.videogenie.avatar.render.lipsync;

import java.util.Arrays;

/**
 * Diff2Lip's sampler schedule (guided-diffusion's gaussian_diffusion.py and respace.py): linear betas
 * from 1e-4 to 0.02 over 1000 steps, respaced to {@code steps} of them as {@code ddimN} spaces them
 * (the integer stride that gives exactly N steps, {0, 40, ..., 960} for 25), or where no stride
 * does, as the plain section spacing of {@code "N"}. Deterministic DDIM (eta 0)
 * walks the kept steps from the last to step 0.
 */
final class DdimSchedule {
    static final int TRAINED_STEPS = 1000;

    private final int[] timesteps;
    private final double[] alphaBar;

    DdimSchedule(int steps) {
        if (steps < 1 || steps > TRAINED_STEPS) {
            throw new IllegalArgumentException("1-" + TRAINED_STEPS + " steps, got " + steps);
        }
        double[] cumulative = new double[TRAINED_STEPS];
        double product = 1;
        for (int t = 0; t < TRAINED_STEPS; t++) {
            double beta = 1e-4 + (0.02 - 1e-4) * t / (TRAINED_STEPS - 1);
            product *= 1 - beta;
            cumulative[t] = product;
        }
        this.timesteps = spaced(steps);
        this.alphaBar = new double[timesteps.length];
        for (int i = 0; i < timesteps.length; i++) {
            alphaBar[i] = cumulative[timesteps[i]];
        }
    }

    /** The kept steps, ascending. */
    static int[] spaced(int steps) {
        for (int stride = 1; stride < TRAINED_STEPS; stride++) {
            if ((TRAINED_STEPS + stride - 1) / stride == steps) {
                int[] kept = new int[steps];
                for (int i = 0; i < steps; i++) {
                    kept[i] = i * stride;
                }
                return kept;
            }
        }
        if (steps == 1) {
            return new int[] {0};
        }
        // As respace.py accumulates it, rounding half to even like Python's round().
        double stride = (TRAINED_STEPS - 1) / (double) (steps - 1);
        int[] kept = new int[steps];
        double at = 0;
        for (int i = 0; i < steps; i++) {
            kept[i] = (int) Math.rint(at);
            at += stride;
        }
        return kept;
    }

    int steps() {
        return timesteps.length;
    }

    /** The trained step index the network is told at sampling step {@code i} (0 = the last). */
    int timestep(int i) {
        return timesteps[i];
    }

    /** Cumulative alpha at sampling step {@code i}; 1 before step 0. */
    double alphaBar(int i) {
        return i < 0 ? 1.0 : alphaBar[i];
    }

    @Override
    public String toString() {
        return "DDIM " + Arrays.toString(timesteps);
    }
}
