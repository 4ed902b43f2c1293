package com.videogenie.avatar.render.lipsync;

/**
 * How much of a lip-sync network's face replaces the frame inside the face box: nothing above the
 * masked half the network redraws, then rising along a smoothstep over {@link #RISE} of the box's
 * height, and falling to nothing along the sides and the bottom, so the redrawn mouth and jaw blend
 * into the frame without the visible box the references' hard paste leaves.
 */
final class LowerFaceMask {
    /** Where the network's masked (redrawn) half starts, as a share of the box height. */
    static final double START = 0.5;
    static final double RISE = 0.14;
    static final double SIDE = 0.14;
    static final double BOTTOM = 0.08;

    private LowerFaceMask() {
    }

    /** Weights for a {@code width x height} box, row-major at pixel centres, into {@code out}. */
    static void fill(int width, int height, float[] out) {
        for (int y = 0; y < height; y++) {
            double v = (y + 0.5) / height;
            double vertical = smoothstep((v - START) / RISE) * smoothstep((1 - v) / BOTTOM);
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) / width;
                out[y * width + x] = (float) (vertical * smoothstep(u / SIDE) * smoothstep((1 - u) / SIDE));
            }
        }
    }

    private static double smoothstep(double t) {
        double c = Math.max(0, Math.min(1, t));
        return c * c * (3 - 2 * c);
    }
}
