package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.image.RgbImage;

/**
 * Paints the inside of an open mouth within the moved inner-lip contour: a cavity, lighter near
 * the lips, with upper teeth, a hint of lower teeth and a tongue when the mouth opens wide. Where
 * the photo shows its own teeth they are kept and carried by the lips instead: the upper part of
 * what shows between its lips hangs from the upper lip (the upper teeth, fixed to the upper jaw),
 * the lower part rides on the lower lip, so at the photo's own opening the mouth is the photo's and
 * the cavity opens between them. (A closed photo mouth shows only the dark line where its lips
 * meet; carried along, that line would outline the cavity, so closed mouths are painted.) Colours come from the photo (lip tone, skin
 * brightness, its teeth where they show), so a black-and-white photo gets a grey mouth. Edges are
 * anti-aliased by distance to the contour and shaded into the lip, and the corners fade into the
 * lips' fold instead of ending in dark points.
 */
final class MouthInteriorPainter {
    private static final int[] UPPER = MeshRegions.INNER_LIP_UPPER;
    private static final int[] LOWER = MeshRegions.INNER_LIP_LOWER;
    private static final int POINTS = UPPER.length + LOWER.length - 2;
    /** Gaps between upper teeth, as mouth positions from the centre (0) to a corner (1). */
    private static final float[] TOOTH_BOUNDARIES = {0f, 0.2f, 0.36f, 0.5f};
    /** Below this gap, in pixels, the lips touch and nothing is painted. */
    private static final float MIN_GAP = 0.8f;
    /** Share of the photo's own opening carried by the upper lip; the rest rides on the lower lip. */
    private static final float UPPER_SHARE = 0.6f;
    /** How far under the opening, in soft-edge widths, the photo's dark lip line is filled. */
    private static final float LIFT_EDGES = 2.5f;
    /** Share of the mouth's half-width, at each corner, over which the cavity fades into the lip fold. */
    private static final float CORNER_FADE = 0.3f;

    private final float[] cavity;
    private final float[] teeth;
    private final float[] tongue;
    /** The lips' shadowed inner edge and fold, where the cavity meets them. */
    private final float[] lipShadow;
    /** Whether the photo shows its own teeth between its lips: then none are painted over them. */
    private final boolean photoTeeth;
    private final RgbImage photo;
    // The photo's own inner-lip contour in its mouth axes, and those axes.
    private final float[] restUpperU = new float[UPPER.length];
    private final float[] restUpperV = new float[UPPER.length];
    private final float[] restLowerU = new float[LOWER.length];
    private final float[] restLowerV = new float[LOWER.length];
    private final float restOx;
    private final float restOy;
    private final float restAx;
    private final float restAy;
    private final float restWidth;
    // Per-frame scratch, reused: the contour in mouth axes (u along the corners, v down).
    private final float[] polyU = new float[POINTS];
    private final float[] polyV = new float[POINTS];
    private final float[] upperU = new float[UPPER.length];
    private final float[] upperV = new float[UPPER.length];
    private final float[] lowerU = new float[LOWER.length];
    private final float[] lowerV = new float[LOWER.length];
    private final float[] colour = new float[3];
    private final float[] own = new float[3];
    private final float edge;
    /** Distance of the last {@link #coverage} query to the contour, in pixels. */
    private float contourDistance;

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
        lipShadow = new float[] {lip[0] * 0.55f, lip[1] * 0.5f, lip[2] * 0.6f};
        this.photo = canvas;
        int left = UPPER[0];
        int right = UPPER[UPPER.length - 1];
        restOx = restX[left];
        restOy = restY[left];
        restWidth = Math.max(1e-3f, (float) Math.hypot(restX[right] - restOx, restY[right] - restOy));
        restAx = (restX[right] - restOx) / restWidth;
        restAy = (restY[right] - restOy) / restWidth;
        toMouthAxes(restX, restY, UPPER, restOx, restOy, restAx, restAy, restUpperU, restUpperV);
        toMouthAxes(restX, restY, LOWER, restOx, restOy, restAx, restAy, restLowerU, restLowerV);
        float[] ownTeeth = ownTeeth(canvas, skinLuma);
        photoTeeth = ownTeeth != null;
        if (photoTeeth) {
            teeth = ownTeeth;
        } else {
            float level = Math.max(130, Math.min(225, skinLuma * 0.95f + 30));
            float warmth = Math.min(1, saturation * 2);
            teeth = new float[] {level * (1 - 0.14f * warmth), level * (1 - 0.06f * warmth), level};
        }
    }

    private static void toMouthAxes(float[] x, float[] y, int[] points, float ox, float oy, float ax, float ay,
            float[] u, float[] v) {
        for (int k = 0; k < points.length; k++) {
            float dx = x[points[k]] - ox;
            float dy = y[points[k]] - oy;
            u[k] = dx * ax + dy * ay;
            v[k] = -dx * ay + dy * ax;
        }
    }

    /**
     * The colour of the photo's own teeth, or null when it shows none: pixels between its lips that
     * are bright and pale (brighter than most of the skin, little colour), a fair share of them.
     */
    private float[] ownTeeth(RgbImage canvas, float skinLuma) {
        float[] sum = new float[3];
        int inside = 0;
        int bright = 0;
        int steps = Math.max(8, Math.round(restWidth));
        for (int k = 1; k < steps; k++) {
            float u = restWidth * k / steps;
            float top = along(restUpperU, restUpperV, u);
            float bottom = along(restLowerU, restLowerV, u);
            for (float v = top + 0.5f; v < bottom - 0.5f; v += 1f) {
                int px = Math.round(restOx + u * restAx - v * restAy);
                int py = Math.round(restOy + u * restAy + v * restAx);
                if (px < 0 || py < 0 || px >= canvas.width() || py >= canvas.height()) {
                    continue;
                }
                inside++;
                int i = (py * canvas.width() + px) * 3;
                int b = canvas.bgr()[i] & 0xFF;
                int g = canvas.bgr()[i + 1] & 0xFF;
                int r = canvas.bgr()[i + 2] & 0xFF;
                float luma = 0.114f * b + 0.587f * g + 0.299f * r;
                int spread = Math.max(b, Math.max(g, r)) - Math.min(b, Math.min(g, r));
                if (luma > 0.8f * skinLuma && luma > 90 && spread < 0.35f * luma) {
                    bright++;
                    sum[0] += b;
                    sum[1] += g;
                    sum[2] += r;
                }
            }
        }
        if (bright < 12 || bright < 0.25f * inside) {
            return null;
        }
        return new float[] {sum[0] / bright, sum[1] / bright, sum[2] / bright};
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
        float reach = LIFT_EDGES * edge;
        // Once the lips part, the dark line where the photo's lips met can ride on the lower lip
        // just under the opening (the mesh's line sits a little above it): it is filled from the
        // lip below, so the cavity has no outline.
        float lift = clamp01((gap - MIN_GAP) / (2 * edge));
        int x0 = Math.max(0, (int) Math.floor(minX - offset - 1));
        int x1 = Math.min(target.width() - 1, (int) Math.ceil(maxX - offset + 1));
        int y0 = Math.max(0, (int) Math.floor(minY - offset - 1));
        int y1 = Math.min(target.height() - 1, (int) Math.ceil(maxY - offset + 1 + reach));
        byte[] bgr = target.bgr();
        for (int py = y0; py <= y1; py++) {
            for (int px = x0; px <= x1; px++) {
                float dx = px + 0.5f + offset - ox;
                float dy = py + 0.5f + offset - oy;
                float u = dx * ax + dy * ay;
                float v = -dx * ay + dy * ax;
                float coverage = coverage(u, v);
                if (coverage <= 0) {
                    if (lift > 0 && contourDistance < reach && v > along(lowerU, lowerV, u)
                            && Math.abs(u / width * 2 - 1) < 0.85f) {
                        float step = reach + 1 - contourDistance;
                        fillFromBelow(target, px, py, px - ay * step, py + ax * step, lift);
                    }
                    continue;
                }
                float s01 = u / width;
                float top = along(upperU, upperV, u);
                float bottom = along(lowerU, lowerV, u);
                shade(s01 * 2 - 1, v, top, bottom, width, colour);
                shadeEdges(s01 * 2 - 1, colour);
                if (photoTeeth) {
                    keepOwnInterior(s01, v - top, bottom - v, width / restWidth, colour);
                }
                // At the corners the stretched photo (its lips' corner fold) shows through.
                float opacity = coverage * (1 - 0.7f * cornerness(s01 * 2 - 1));
                int i = (py * target.width() + px) * 3;
                for (int c = 0; c < 3; c++) {
                    float old = bgr[i + c] & 0xFF;
                    bgr[i + c] = (byte) Math.round(old + (colour[c] - old) * opacity);
                }
            }
        }
    }

    /** Moves a pixel towards the lip below it (a bilinear sample) by as much as it is darker. */
    private void fillFromBelow(RgbImage target, int px, int py, float qx, float qy, float amount) {
        if (qx < 0 || qy < 0 || qx > target.width() - 2 || qy > target.height() - 2) {
            return;
        }
        sample(target, qx, qy, own);
        byte[] bgr = target.bgr();
        int i = (py * target.width() + px) * 3;
        float dark = 0.114f * (bgr[i] & 0xFF) + 0.587f * (bgr[i + 1] & 0xFF) + 0.299f * (bgr[i + 2] & 0xFF);
        float lip = 0.114f * own[0] + 0.587f * own[1] + 0.299f * own[2];
        float t = amount * clamp01((lip - dark) / Math.max(1f, 0.25f * lip));
        for (int c = 0; c < 3 && t > 0; c++) {
            float old = bgr[i + c] & 0xFF;
            bgr[i + c] = (byte) Math.round(old + (own[c] - old) * t);
        }
    }

    /**
     * Lays the photo's own interior over the painted one where the lips carry it: the strip under
     * the upper lip as deep as the upper lip's share of the photo's opening there, and the strip
     * above the lower lip likewise, each fading into the cavity over the soft edge.
     *
     * @param s01        position along the mouth, 0 at the left corner, 1 at the right
     * @param scale      mouth width now over the photo's, so the strips scale with the face
     */
    private void keepOwnInterior(float s01, float fromTop, float fromBottom, float scale, float[] out) {
        float restU = s01 * restWidth;
        float restTop = along(restUpperU, restUpperV, restU);
        float restBottom = along(restLowerU, restLowerV, restU);
        float restGap = restBottom - restTop;
        if (restGap <= 0) {
            return;
        }
        float upper = UPPER_SHARE * restGap * scale;
        float lower = (1 - UPPER_SHARE) * restGap * scale;
        float fromUpper = clamp01((upper - fromTop) / edge + 0.5f);
        float fromLower = clamp01((lower - fromBottom) / edge + 0.5f);
        float amount = clamp01(fromUpper + fromLower);
        if (amount <= 0) {
            return;
        }
        // Where both strips reach (the mouth at or below the photo's opening) the nearer lip's wins;
        // at the photo's own opening the two ramps add up to exactly the photo.
        if (fromTop / Math.max(1e-3f, upper) <= fromBottom / Math.max(1e-3f, lower)) {
            samplePhoto(restU, restTop + Math.min(fromTop / scale, UPPER_SHARE * restGap), own);
        } else {
            samplePhoto(restU, restBottom - Math.min(fromBottom / scale, (1 - UPPER_SHARE) * restGap), own);
        }
        blend(out, own, 1f, amount);
    }

    /** Bilinear sample of the photo at a point given in its own mouth axes. */
    private void samplePhoto(float u, float v, float[] out) {
        sample(photo, restOx + u * restAx - v * restAy - 0.5f, restOy + u * restAy + v * restAx - 0.5f, out);
    }

    /** Bilinear sample at (x, y) in pixel indices (pixel centres at whole numbers), clamped. */
    private static void sample(RgbImage image, float x, float y, float[] out) {
        int x0 = Math.max(0, Math.min(image.width() - 2, (int) Math.floor(x)));
        int y0 = Math.max(0, Math.min(image.height() - 2, (int) Math.floor(y)));
        float fx = clamp01(x - x0);
        float fy = clamp01(y - y0);
        byte[] bgr = image.bgr();
        int row = image.width() * 3;
        int i = (y0 * image.width() + x0) * 3;
        for (int c = 0; c < 3; c++) {
            float top = (bgr[i + c] & 0xFF) * (1 - fx) + (bgr[i + 3 + c] & 0xFF) * fx;
            float bottom = (bgr[i + row + c] & 0xFF) * (1 - fx) + (bgr[i + row + 3 + c] & 0xFF) * fx;
            out[c] = top * (1 - fy) + bottom * fy;
        }
    }

    /**
     * The lips' inner edge is in shadow, and towards the corners the lips fold into each other:
     * the interior turns into the lip's shadow there (and fades, in paint) rather than ending in a
     * dark cut-out point.
     */
    private void shadeEdges(float s, float[] out) {
        float edgeBand = (float) Math.exp(-contourDistance / (1.2f * edge));
        blend(out, lipShadow, 1f, 0.4f * edgeBand);
        blend(out, lipShadow, 1f, cornerness(s));
    }

    /** 0 away from the corners, rising smoothly to 1 at a corner (s = -1 or 1). */
    private static float cornerness(float s) {
        float corner = 1 - clamp01((1 - Math.abs(s)) / CORNER_FADE);
        return corner * corner * (3 - 2 * corner);
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
        // Lower incisors: a dim strip above the lower lip in a wide opening, unless the photo's own
        // ride on the lower lip (keepOwnInterior).
        float lowerHeight = 0.1f * gap * openness * clamp01(1 - (s / 0.5f) * (s / 0.5f));
        if (!photoTeeth && fromBottom < lowerHeight) {
            blend(out, teeth, 0.45f, clamp01((lowerHeight - fromBottom) / edge) * 0.7f);
        }
        // Upper teeth under the upper lip: shadowed at the gum line and towards the corners, with
        // faint gaps between teeth so they read as teeth rather than a band. Where the photo shows
        // its own, they are in its teeth's colour and continue below the part the photo shows.
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
        contourDistance = distance;
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
