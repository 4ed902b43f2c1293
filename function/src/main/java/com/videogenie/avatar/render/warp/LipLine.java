package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.image.RgbImage;
import java.util.Arrays;

/**
 * Moves the face mesh's inner-lip line of a closed mouth onto the dark line where the photo's lips
 * actually meet. The mesh often places that line a pixel or three above it; the renderer opens the
 * mouth along the mesh's line, so a misplaced one leaves the photo's own lip line riding on the
 * lower lip under the painted cavity, like an outline.
 */
final class LipLine {
    private static final int[] UPPER = MeshRegions.INNER_LIP_UPPER;
    private static final int[] LOWER = MeshRegions.INNER_LIP_LOWER;
    /** Above this gap (of the mouth's width) the lips are apart and the mesh already sees them. */
    private static final float CLOSED_GAP = 0.08f;
    /** How far either side of the mesh's line the photo's line is looked for, of the mouth's width. */
    private static final float SEARCH = 0.07f;
    /** The line must be this much darker than the lips around it to count as the lips' meeting. */
    private static final float DARKER = 0.85f;
    /** Never further than this share of the thinner lip, so the inner line stays inside the lips. */
    private static final float MAX_SHARE_OF_LIP = 0.8f;

    private LipLine() {
    }

    /** The landmarks with the inner-lip line moved onto the photo's, or unchanged where none is found. */
    static FaceLandmarks fit(RgbImage photo, FaceLandmarks face) {
        int left = UPPER[0];
        int right = UPPER[UPPER.length - 1];
        float width = (float) face.distance(left, right);
        if (width < 8) {
            return face;
        }
        float ax = (face.x(right) - face.x(left)) / width;
        float ay = (face.y(right) - face.y(left)) / width;
        // Across the mouth, towards the chin.
        float nx = -ay;
        float ny = ax;
        int n = UPPER.length;
        float[] offset = new float[n];
        float[] limit = new float[n];
        for (int k = 1; k < n - 1; k++) {
            if (across(face, LOWER[k], UPPER[k], nx, ny) > CLOSED_GAP * width) {
                return face;
            }
            float upperLip = across(face, UPPER[k], MeshRegions.OUTER_LIP_UPPER[k], nx, ny);
            float lowerLip = across(face, MeshRegions.OUTER_LIP_LOWER[k], LOWER[k], nx, ny);
            limit[k] = Math.min(SEARCH * width, MAX_SHARE_OF_LIP * Math.max(0, Math.min(upperLip, lowerLip)));
            float mx = (face.x(UPPER[k]) + face.x(LOWER[k])) / 2;
            float my = (face.y(UPPER[k]) + face.y(LOWER[k])) / 2;
            offset[k] = darkestLine(photo, mx, my, ax, ay, nx, ny, limit[k], width);
        }
        float[] smooth = smooth(offset);
        // The corners follow their neighbours halfway: the lips' fold there is fainter.
        smooth[0] = 0.5f * smooth[1];
        smooth[n - 1] = 0.5f * smooth[n - 2];
        float[] xyz = face.toArray();
        for (int k = 0; k < n; k++) {
            boolean corner = k == 0 || k == n - 1;
            float d = corner ? smooth[k] : Math.max(-limit[k], Math.min(limit[k], smooth[k]));
            move(xyz, UPPER[k], d * nx, d * ny);
            if (!corner) {
                move(xyz, LOWER[k], d * nx, d * ny);
            }
        }
        return new FaceLandmarks(xyz);
    }

    /** Distance from point b to point a along the normal (positive when a lies further down). */
    private static float across(FaceLandmarks face, int a, int b, float nx, float ny) {
        return (face.x(a) - face.x(b)) * nx + (face.y(a) - face.y(b)) * ny;
    }

    private static void move(float[] xyz, int i, float dx, float dy) {
        xyz[3 * i] += dx;
        xyz[3 * i + 1] += dy;
    }

    /**
     * Offset along the normal of the darkest row within {@code reach} of (mx, my), each row a short
     * average along the mouth; 0 when no row is clearly darker than the lips around it.
     */
    private static float darkestLine(RgbImage photo, float mx, float my, float ax, float ay, float nx, float ny,
            float reach, float width) {
        if (reach < 0.5f) {
            return 0;
        }
        float along = Math.max(1f, 0.02f * width);
        int steps = (int) Math.ceil(reach / 0.5f);
        float[] luma = new float[2 * steps + 1];
        for (int s = -steps; s <= steps; s++) {
            float t = s * 0.5f;
            float sum = 0;
            for (int a = -1; a <= 1; a++) {
                sum += luma(photo, mx + t * nx + a * along * ax, my + t * ny + a * along * ay);
            }
            luma[s + steps] = sum / 3;
        }
        int darkest = steps;
        for (int s = 0; s < luma.length; s++) {
            // Ties go to the row nearest the mesh's line.
            if (luma[s] < luma[darkest]
                    || luma[s] == luma[darkest] && Math.abs(s - steps) < Math.abs(darkest - steps)) {
                darkest = s;
            }
        }
        float[] sorted = luma.clone();
        Arrays.sort(sorted);
        float typical = sorted[sorted.length / 2];
        return luma[darkest] < DARKER * typical ? (darkest - steps) * 0.5f : 0;
    }

    /** Median of three, then a [1 2 1] average: one stray row must not bend the line. */
    private static float[] smooth(float[] offset) {
        int n = offset.length;
        float[] median = offset.clone();
        for (int k = 2; k < n - 2; k++) {
            float a = offset[k - 1];
            float b = offset[k];
            float c = offset[k + 1];
            median[k] = Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
        }
        float[] out = median.clone();
        for (int k = 2; k < n - 2; k++) {
            out[k] = (median[k - 1] + 2 * median[k] + median[k + 1]) / 4;
        }
        return out;
    }

    /** Bilinear luma at a point in pixel coordinates (pixel centres at +0.5). */
    private static float luma(RgbImage image, float x, float y) {
        float fx = x - 0.5f;
        float fy = y - 0.5f;
        int x0 = Math.max(0, Math.min(image.width() - 2, (int) Math.floor(fx)));
        int y0 = Math.max(0, Math.min(image.height() - 2, (int) Math.floor(fy)));
        float tx = Math.max(0, Math.min(1, fx - x0));
        float ty = Math.max(0, Math.min(1, fy - y0));
        float top = image.luma(x0, y0) * (1 - tx) + image.luma(x0 + 1, y0) * tx;
        float bottom = image.luma(x0, y0 + 1) * (1 - tx) + image.luma(x0 + 1, y0 + 1) * tx;
        return top * (1 - ty) + bottom * ty;
    }
}
