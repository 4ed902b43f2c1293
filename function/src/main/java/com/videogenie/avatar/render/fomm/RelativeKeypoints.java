package com.videogenie.avatar.render.fomm;

import java.util.Arrays;

/**
 * FOMM's relative motion with movement-scale adaptation ({@code normalize_kp} in the reference demo):
 * the driving keypoints move the source's by how far they moved from the first driving frame, scaled
 * by the ratio of the two keypoint hulls' sizes; the Jacobians become {@code (J_d . J_init^-1) . J_src},
 * unscaled. Arithmetic is in float, as the reference runs it on float32 tensors.
 */
final class RelativeKeypoints {
    static final int COUNT = 10;

    private final float[] sourceValue;
    private final float[] sourceJacobian;
    private float[] initValue;
    private float[] initInverse;
    private float scale;

    /** @param sourceValue 10 (x, y) pairs; sourceJacobian 10 row-major 2x2 matrices */
    RelativeKeypoints(float[] sourceValue, float[] sourceJacobian) {
        this.sourceValue = sourceValue.clone();
        this.sourceJacobian = sourceJacobian.clone();
    }

    boolean hasInitial() {
        return initValue != null;
    }

    /** The first driving frame's keypoints: the pose the others are measured from. */
    void setInitial(float[] value, float[] jacobian) {
        initValue = value.clone();
        initInverse = new float[4 * COUNT];
        for (int k = 0; k < COUNT; k++) {
            int j = 4 * k;
            float a = jacobian[j];
            float b = jacobian[j + 1];
            float c = jacobian[j + 2];
            float d = jacobian[j + 3];
            float det = a * d - b * c;
            initInverse[j] = d / det;
            initInverse[j + 1] = -b / det;
            initInverse[j + 2] = -c / det;
            initInverse[j + 3] = a / det;
        }
        scale = (float) (Math.sqrt(hullArea(sourceValue)) / Math.sqrt(hullArea(initValue)));
    }

    float scale() {
        return scale;
    }

    /** Writes the source keypoints moved as the driving ones moved into {@code value} and {@code jacobian}. */
    void apply(float[] drivingValue, float[] drivingJacobian, int offset, float[] value, float[] jacobian, int to) {
        for (int i = 0; i < 2 * COUNT; i++) {
            value[to * 2 * COUNT + i] = (drivingValue[offset * 2 * COUNT + i] - initValue[i]) * scale + sourceValue[i];
        }
        for (int k = 0; k < COUNT; k++) {
            int d = offset * 4 * COUNT + 4 * k;
            int j = 4 * k;
            // m = J_driving . J_init^-1, then J = m . J_source, each product rounded to float as torch does.
            float m0 = drivingJacobian[d] * initInverse[j] + drivingJacobian[d + 1] * initInverse[j + 2];
            float m1 = drivingJacobian[d] * initInverse[j + 1] + drivingJacobian[d + 1] * initInverse[j + 3];
            float m2 = drivingJacobian[d + 2] * initInverse[j] + drivingJacobian[d + 3] * initInverse[j + 2];
            float m3 = drivingJacobian[d + 2] * initInverse[j + 1] + drivingJacobian[d + 3] * initInverse[j + 3];
            int out = to * 4 * COUNT + j;
            jacobian[out] = m0 * sourceJacobian[j] + m1 * sourceJacobian[j + 2];
            jacobian[out + 1] = m0 * sourceJacobian[j + 1] + m1 * sourceJacobian[j + 3];
            jacobian[out + 2] = m2 * sourceJacobian[j] + m3 * sourceJacobian[j + 2];
            jacobian[out + 3] = m2 * sourceJacobian[j + 1] + m3 * sourceJacobian[j + 3];
        }
    }

    /** Area of the convex hull of (x, y) pairs (Andrew's monotone chain). */
    static double hullArea(float[] xy) {
        int n = xy.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> xy[2 * p] != xy[2 * q]
                ? Float.compare(xy[2 * p], xy[2 * q]) : Float.compare(xy[2 * p + 1], xy[2 * q + 1]));
        int[] hull = new int[2 * n];
        int size = 0;
        for (int pass = 0; pass < 2; pass++) {
            int start = size;
            for (int step = 0; step < n; step++) {
                int p = order[pass == 0 ? step : n - 1 - step];
                while (size >= start + 2 && cross(xy, hull[size - 2], hull[size - 1], p) <= 0) {
                    size--;
                }
                hull[size++] = p;
            }
            size--;
        }
        double area = 0;
        for (int i = 0; i < size; i++) {
            int p = hull[i];
            int q = hull[(i + 1) % size];
            area += (double) xy[2 * p] * xy[2 * q + 1] - (double) xy[2 * q] * xy[2 * p + 1];
        }
        return Math.abs(area) / 2;
    }

    private static double cross(float[] xy, int o, int a, int b) {
        return ((double) xy[2 * a] - xy[2 * o]) * ((double) xy[2 * b + 1] - xy[2 * o + 1])
                - ((double) xy[2 * a + 1] - xy[2 * o + 1]) * ((double) xy[2 * b] - xy[2 * o]);
    }
}
