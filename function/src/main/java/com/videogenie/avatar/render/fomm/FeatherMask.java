package com.videogenie.avatar.render.fomm;

/**
 * How much of the network's face replaces the frame at each pixel of the crop: 1 inside a disc of
 * {@link #INNER} of the crop's half side, falling to 0 at the crop's inscribed circle along a
 * smoothstep, so the generated face blends into the rendered frame with no visible edge and the
 * crop's corners (where FOMM's background may differ from the still border) stay the frame's.
 */
final class FeatherMask {
    static final double INNER = 0.75;

    private FeatherMask() {
    }

    /** Weights for a side x side crop, row-major, sampled at pixel centres. */
    static double[] of(int side) {
        double[] weights = new double[side * side];
        for (int y = 0; y < side; y++) {
            double v = (y + 0.5) / side * 2 - 1;
            for (int x = 0; x < side; x++) {
                double u = (x + 0.5) / side * 2 - 1;
                double r = Math.sqrt(u * u + v * v);
                double t = Math.max(0, Math.min(1, (1 - r) / (1 - INNER)));
                weights[y * side + x] = t * t * (3 - 2 * t);
            }
        }
        return weights;
    }
}
