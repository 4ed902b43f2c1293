package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.image.RgbImage;

/**
 * Paints the inside of an open mouth within the moved inner-lip contour: a dark cavity that is
 * lighter near the lips, the upper teeth under the upper lip, a shadowed hint of lower teeth and
 * tongue when the mouth opens wide. Colours come from the photo (lip tone, skin brightness), so a
 * black-and-white photo gets a grey mouth. Edges are anti-aliased by distance to the contour.
 */
final class MouthInteriorPainter {
    private static final int[] UPPER = MeshRegions.INNER_LIP_UPPER;
    private static final int[] LOWER = MeshRegions.INNER_LIP_LOWER;
    private static final int POINTS = UPPER.length + LOWER.length - 2;
    /** Gaps between upper teeth, as mouth positions from the centre (0) to a corner (1). */
    private static final float[] TOOTH_BOUNDARIES = {0f, 0.2f, 0.36f, 0.5f};
    /** Below this gap, in pixels, the lips touch and nothing is painted. */
    private static final float MIN_GAP = 0.8f;

    private final float[] cavity;
    private final float[] teeth;
    private final float[] tongue;
    // Per-frame scratch, reused: the contour in mouth axes (u along the corners, v down).
    private final float[] polyU = new float[POINTS];
    private final float[] polyV = new float[POINTS];
    private final float[] upperU = new float[UPPER.length];
    private final float[] upperV = new float[UPPER.length];
    private final float[] lowerU = new float[LOWER.length];
    private final float[] lowerV = new float[LOWER.length];
    private final float[] colour = new float[3];
    private final float edge;

    /**
     * @param edge width of the soft edge in pixels: wider when the photo was enlarged, so the
     *             painted mouth is no sharper than the face around it
     */
    MouthInteriorPainter(RgbImage canvas, float[] restX, float[] restY, float edge) {
        this.edge = Math.max(1f, edge);
        float[] lip = new float[3];
        int samples = 0;
        for (int k = 2; k < MeshRegions.OUTER_LIP_LOWER.length - 2; k++) {
            int outer = MeshRegions.OUTER_LIP_LOWER[k];
            int inner = LOWER[k];
            samples += addPixel(canvas, (restX[outer] + restX[inner]) / 2, (restY[outer] + restY[inner]) / 2, lip);
        }
        for (int c = 0; c < 3; c++) {
            lip[c] /= Math.max(1, samples);
        }
        float[] skin = new float[3];
        int skinSamples = 0;
        for (int i : new int[] {50, 280, 151, 205, 425}) {
            skinSamples += addPixel(canvas, restX[i], restY[i], skin);
        }
        float skinLuma = (0.114f * skin[0] + 0.587f * skin[1] + 0.299f * skin[2]) / Math.max(1, skinSamples);
        float max = Math.max(lip[0], Math.max(lip[1], lip[2]));
        float min = Math.min(lip[0], Math.min(lip[1], lip[2]));
        float saturation = max <= 1 ? 0 : (max - min) / max;
        cavity = new float[] {lip[0] * 0.22f, lip[1] * 0.2f, lip[2] * 0.3f + 4};
        tongue = new float[] {lip[0] * 0.55f, lip[1] * 0.5f, lip[2] * 0.75f};
        float level = Math.max(120, Math.min(215, skinLuma * 0.95f + 15));
        float warmth = Math.min(1, saturation * 2);
        teeth = new float[] {level * (1 - 0.14f * warmth), level * (1 - 0.06f * warmth), level};
    }

    private static int addPixel(RgbImage image, float x, float y, float[] sum) {
        int px = Math.round(x);
        int py = Math.round(y);
        if (px < 0 || py < 0 || px >= image.width() || py >= image.height()) {
            return 0;
        }
        int i = (py * image.width() + px) * 3;
        for (int c = 0; c < 3; c++) {
            sum[c] += image.bgr()[i + c] & 0xFF;
        }
        return 1;
    }

    void paint(RgbImage target, float[] x, float[] y, int offset) {
        float gap = (float) Math.hypot(x[MeshRegions.INNER_LIP_BOTTOM] - x[MeshRegions.INNER_LIP_TOP],
                y[MeshRegions.INNER_LIP_BOTTOM] - y[MeshRegions.INNER_LIP_TOP]);
        if (gap < MIN_GAP) {
            return;
        }
        int leftCorner = UPPER[0];
        int rightCorner = UPPER[UPPER.length - 1];
        float ox = x[leftCorner];
        float oy = y[leftCorner];
        float width = (float) Math.hypot(x[rightCorner] - ox, y[rightCorner] - oy);
        if (width < 2) {
            return;
        }
        float ax = (x[rightCorner] - ox) / width;
        float ay = (y[rightCorner] - oy) / width;
        float minX = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int k = 0; k < POINTS; k++) {
            int i = k < UPPER.length ? UPPER[k] : LOWER[LOWER.length - 2 - (k - UPPER.length)];
            float dx = x[i] - ox;
            float dy = y[i] - oy;
            polyU[k] = dx * ax + dy * ay;
            polyV[k] = -dx * ay + dy * ax;
            minX = Math.min(minX, x[i]);
            maxX = Math.max(maxX, x[i]);
            minY = Math.min(minY, y[i]);
            maxY = Math.max(maxY, y[i]);
        }
        for (int k = 0; k < UPPER.length; k++) {
            upperU[k] = polyU[k];
            upperV[k] = polyV[k];
        }
        for (int k = 0; k < LOWER.length; k++) {
            float dx = x[LOWER[k]] - ox;
            float dy = y[LOWER[k]] - oy;
            lowerU[k] = dx * ax + dy * ay;
            lowerV[k] = -dx * ay + dy * ax;
        }
        int x0 = Math.max(0, (int) Math.floor(minX - offset - 1));
        int x1 = Math.min(target.width() - 1, (int) Math.ceil(maxX - offset + 1));
        int y0 = Math.max(0, (int) Math.floor(minY - offset - 1));
        int y1 = Math.min(target.height() - 1, (int) Math.ceil(maxY - offset + 1));
        byte[] bgr = target.bgr();
        for (int py = y0; py <= y1; py++) {
            for (int px = x0; px <= x1; px++) {
                float dx = px + 0.5f + offset - ox;
                float dy = py + 0.5f + offset - oy;
                float u = dx * ax + dy * ay;
                float v = -dx * ay + dy * ax;
                float coverage = coverage(u, v);
                if (coverage <= 0) {
                    continue;
                }
                shade(u / width * 2 - 1, v, along(upperU, upperV, u), along(lowerU, lowerV, u), width, colour);
                int i = (py * target.width() + px) * 3;
                for (int c = 0; c < 3; c++) {
                    float old = bgr[i + c] & 0xFF;
                    bgr[i + c] = (byte) Math.round(old + (colour[c] - old) * coverage);
                }
            }
        }
    }

    /** Colour of the mouth interior at mouth position s (-1 left corner .. 1 right) and depth v. */
    private void shade(float s, float v, float top, float bottom, float width, float[] out) {
        float gap = Math.max(1e-3f, bottom - top);
        float fromTop = v - top;
        float fromBottom = bottom - v;
        float lateral = (float) Math.sqrt(Math.max(0, 1 - s * s));
        // Cavity: lighter (wet inner lip) near the lips, dark in the middle and towards the corners.
        float nearLip = (float) Math.exp(-Math.min(fromTop, fromBottom) / Math.max(1f, 0.18f * gap));
        float depth = 0.55f + 0.25f * nearLip + 0.2f * lateral;
        for (int c = 0; c < 3; c++) {
            out[c] = cavity[c] * depth;
        }
        float openness = clamp01((gap - 0.08f * width) / (0.12f * width));
        // Tongue: a soft, darker mound low in the mouth, seen only when it is well open.
        float tongueV = (fromBottom - 0.2f * gap) / (0.35f * gap);
        float tongueS = s / 0.65f;
        blend(out, tongue, 1f, 0.6f * openness * clamp01(1 - tongueV * tongueV - tongueS * tongueS));
        // Lower incisors: a dim strip above the lower lip in a wide opening.
        float lowerHeight = 0.1f * gap * openness * clamp01(1 - (s / 0.5f) * (s / 0.5f));
        if (fromBottom < lowerHeight) {
            blend(out, teeth, 0.45f, clamp01((lowerHeight - fromBottom) / edge) * 0.7f);
        }
        // Upper teeth under the upper lip: shadowed at the gum line and towards the corners, with
        // faint gaps between teeth so they read as teeth rather than a band.
        float upperHeight = Math.min(0.38f * gap, 0.09f * width) * clamp01(1 - (s / 0.8f) * (s / 0.8f));
        if (fromTop < upperHeight) {
            float light = (0.62f + 0.38f * clamp01(fromTop / Math.max(1f, upperHeight)))
                    * (0.35f + 0.65f * lateral * lateral) * toothGap(s);
            blend(out, teeth, light, clamp01((upperHeight - fromTop) / edge));
        }
    }

    /** 1 on a tooth, a little darker at the gaps between incisors, laterals and canines. */
    private static float toothGap(float s) {
        float a = Math.abs(s);
        float nearest = Float.MAX_VALUE;
        for (float boundary : TOOTH_BOUNDARIES) {
            nearest = Math.min(nearest, Math.abs(a - boundary));
        }
        return 1 - 0.16f * clamp01(1 - nearest / 0.025f);
    }

    /** Height of a contour (given in mouth axes, left to right) at position u. */
    private static float along(float[] cu, float[] cv, float u) {
        if (u <= cu[0]) {
            return cv[0];
        }
        for (int k = 0; k < cu.length - 1; k++) {
            if (u <= cu[k + 1]) {
                float span = cu[k + 1] - cu[k];
                float t = span <= 1e-6f ? 0 : (u - cu[k]) / span;
                return cv[k] + t * (cv[k + 1] - cv[k]);
            }
        }
        return cv[cv.length - 1];
    }

    /** Anti-aliased inside-ness: 1 inside, 0 outside, a one-pixel ramp across the contour. */
    private float coverage(float u, float v) {
        boolean inside = false;
        float nearest = Float.MAX_VALUE;
        for (int k = 0, j = POINTS - 1; k < POINTS; j = k++) {
            float ux = polyU[k];
            float vy = polyV[k];
            float wx = polyU[j];
            float wy = polyV[j];
            if ((vy > v) != (wy > v) && u < (wx - ux) * (v - vy) / (wy - vy) + ux) {
                inside = !inside;
            }
            float ex = wx - ux;
            float ey = wy - vy;
            float len2 = ex * ex + ey * ey;
            float t = len2 == 0 ? 0 : clamp01(((u - ux) * ex + (v - vy) * ey) / len2);
            float ddx = u - ux - t * ex;
            float ddy = v - vy - t * ey;
            nearest = Math.min(nearest, ddx * ddx + ddy * ddy);
        }
        float distance = (float) Math.sqrt(nearest);
        return inside ? Math.min(1, 0.5f + distance / edge) : Math.max(0, 0.5f - distance / edge);
    }

    /** Mixes {@code over * brightness} into {@code base} by {@code amount}. */
    private static void blend(float[] base, float[] over, float brightness, float amount) {
        for (int c = 0; c < 3; c++) {
            base[c] += (over[c] * brightness - base[c]) * amount;
        }
    }

    private static float clamp01(float v) {
        return Math.max(0, Math.min(1, v));
    }
}
