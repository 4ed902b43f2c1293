package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;

/**
 * How strongly each rest point follows the jaw, the upper lip and the mouth's width change. Lip
 * points are split by the inner-lip line (the opening), with an elliptical profile from corner to
 * corner; skin around the mouth gets smooth falloffs so cheeks and chin stretch rather than tear.
 */
final class MouthWeights {
    private final float[] x;
    private final float[] y;
    private final float centreX;
    private final float halfWidth;
    private final float cornerY;
    private final float lowerLipY;
    private final float upperLipY;
    private final float subnasaleY;

    MouthWeights(float[] localX, float[] localY) {
        this.x = localX;
        this.y = localY;
        int left = MeshRegions.MOUTH_LEFT;
        int right = MeshRegions.MOUTH_RIGHT;
        centreX = (x[left] + x[right]) / 2;
        halfWidth = Math.max(1e-3f, Math.abs(x[right] - x[left]) / 2);
        cornerY = (y[left] + y[right]) / 2;
        lowerLipY = y[MeshRegions.OUTER_LIP_LOWER[5]];
        upperLipY = y[MeshRegions.OUTER_LIP_UPPER[5]];
        subnasaleY = y[MeshRegions.SUBNASALE];
    }

    void fill(float[] jaw, float[] upperLip, float[] mouthArea, int count) {
        boolean[] upperContour = mark(MeshRegions.INNER_LIP_UPPER, MeshRegions.OUTER_LIP_UPPER);
        boolean[] lowerContour = mark(MeshRegions.INNER_LIP_LOWER, MeshRegions.OUTER_LIP_LOWER);
        float lipHeight = Math.max(1e-3f, lowerLipY - upperLipY);
        for (int i = 0; i < Math.min(count, FaceLandmarks.COUNT); i++) {
            float u = (x[i] - centreX) / halfWidth;
            // Between an ellipse (0.5) and a parabola (1): round in the middle, tapering into the corners.
            float ellipse = (float) Math.pow(Math.max(0, 1 - u * u), 0.8);
            boolean inLips = upperContour[i] || lowerContour[i] || insideOuterLips(x[i], y[i]);
            if (inLips) {
                boolean lower = lowerContour[i] || (!upperContour[i] && y[i] > innerMidline(x[i]));
                jaw[i] = lower ? ellipse : 0f;
                upperLip[i] = lower ? 0f : ellipse;
            } else {
                float vertical = smoothstep(cornerY - 0.1f * lipHeight, lowerLipY + 0.3f * lipHeight, y[i]);
                float lateral = 1 - 0.75f * smoothstep(0.9f * halfWidth, 2.6f * halfWidth, Math.abs(x[i] - centreX));
                jaw[i] = vertical * lateral;
                if (y[i] < cornerY) {
                    float philtrum = smoothstep(subnasaleY, upperLipY, y[i]);
                    float reach = u / 1.5f;
                    upperLip[i] = philtrum * Math.max(0, 1 - reach * reach);
                }
            }
            float r = (float) Math.hypot(u, (y[i] - cornerY) / (1.2f * lipHeight));
            mouthArea[i] = 1 - smoothstep(0.9f, 1.9f, r);
        }
        for (int corner : new int[] {MeshRegions.MOUTH_LEFT, MeshRegions.MOUTH_RIGHT,
            MeshRegions.INNER_LIP_UPPER[0], MeshRegions.INNER_LIP_UPPER[MeshRegions.INNER_LIP_UPPER.length - 1]}) {
            jaw[corner] = 0f;
            upperLip[corner] = 0f;
        }
    }

    private static boolean[] mark(int[]... groups) {
        boolean[] marked = new boolean[FaceLandmarks.COUNT];
        for (int[] group : groups) {
            // The corners belong to both lips; they stay unmarked and get no lip weight.
            for (int k = 1; k < group.length - 1; k++) {
                marked[group[k]] = true;
            }
        }
        return marked;
    }

    /** Height halfway between the inner upper and inner lower lip at a horizontal position. */
    private float innerMidline(float px) {
        return (interpolate(MeshRegions.INNER_LIP_UPPER, px) + interpolate(MeshRegions.INNER_LIP_LOWER, px)) / 2;
    }

    private float interpolate(int[] contour, float px) {
        for (int k = 0; k < contour.length - 1; k++) {
            float x0 = x[contour[k]];
            float x1 = x[contour[k + 1]];
            if ((px - x0) * (px - x1) <= 0 && x0 != x1) {
                float t = (px - x0) / (x1 - x0);
                return y[contour[k]] + t * (y[contour[k + 1]] - y[contour[k]]);
            }
        }
        return cornerY;
    }

    private boolean insideOuterLips(float px, float py) {
        int[] upper = MeshRegions.OUTER_LIP_UPPER;
        int[] lower = MeshRegions.OUTER_LIP_LOWER;
        int n = upper.length + lower.length - 2;
        boolean inside = false;
        for (int k = 0, j = n - 1; k < n; j = k++) {
            int a = polygonPoint(upper, lower, k);
            int b = polygonPoint(upper, lower, j);
            if ((y[a] > py) != (y[b] > py) && px < (x[b] - x[a]) * (py - y[a]) / (y[b] - y[a]) + x[a]) {
                inside = !inside;
            }
        }
        return inside;
    }

    /** The outer lip outline as one loop: the upper contour left to right, then the lower right to left. */
    private static int polygonPoint(int[] upper, int[] lower, int k) {
        return k < upper.length ? upper[k] : lower[lower.length - 2 - (k - upper.length)];
    }

    static float smoothstep(float edge0, float edge1, float v) {
        float t = Math.max(0, Math.min(1, (v - edge0) / (edge1 - edge0)));
        return t * t * (3 - 2 * t);
    }
}
