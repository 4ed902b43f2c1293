package com.videogenie.avatar.render.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Mouth weights on a real fitted mesh (the golden portrait's, nearly upright), with a few spare
 * landmarks moved to hand-picked spots where the expected weight can be worked out on paper.
 */
class MouthWeightsTest {
    private static final float EPS = 1e-4f;
    /** Landmarks on no lip contour: moving them changes nothing else. */
    private static final int SPARE = 200;
    private static final int SPARE_TWIN = 201;

    private float[] x;
    private float[] y;
    private float centreX;
    private float halfWidth;
    private float cornerY;
    private float upperLipY;
    private float lowerLipY;
    private float lipHeight;

    @BeforeEach
    void readMesh() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/golden/portrait_woman_474.png.mesh")) {
            String[] words = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            x = new float[FaceLandmarks.COUNT];
            y = new float[FaceLandmarks.COUNT];
            for (int i = 0; i < FaceLandmarks.COUNT; i++) {
                x[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(words[3 * i], 16));
                y[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(words[3 * i + 1], 16));
            }
        }
        centreX = (x[MeshRegions.MOUTH_LEFT] + x[MeshRegions.MOUTH_RIGHT]) / 2;
        halfWidth = (x[MeshRegions.MOUTH_RIGHT] - x[MeshRegions.MOUTH_LEFT]) / 2;
        cornerY = (y[MeshRegions.MOUTH_LEFT] + y[MeshRegions.MOUTH_RIGHT]) / 2;
        upperLipY = y[MeshRegions.OUTER_LIP_UPPER[5]];
        lowerLipY = y[MeshRegions.OUTER_LIP_LOWER[5]];
        lipHeight = lowerLipY - upperLipY;
    }

    /** jaw, upperLip, mouthArea for every landmark. */
    private float[][] weights() {
        float[][] w = new float[3][FaceLandmarks.COUNT];
        new MouthWeights(x, y).fill(w[0], w[1], w[2], FaceLandmarks.COUNT);
        return w;
    }

    private void place(int i, float px, float py) {
        x[i] = px;
        y[i] = py;
    }

    @Test
    void everyWeightLiesBetweenZeroAndOne() {
        float[][] w = weights();
        for (float[] kind : w) {
            for (int i = 0; i < FaceLandmarks.COUNT; i++) {
                assertTrue(kind[i] >= 0 && kind[i] <= 1, "weight " + kind[i] + " at " + i);
            }
        }
    }

    @Test
    void lowerLipFollowsTheJawAndUpperLipTheUpperLipAtTheMouthsMiddle() {
        float[][] w = weights();
        for (int lower : new int[] {MeshRegions.OUTER_LIP_LOWER[5], MeshRegions.INNER_LIP_BOTTOM}) {
            assertTrue(w[0][lower] > 0.99f, "jaw at " + lower + ": " + w[0][lower]);
            assertEquals(0f, w[1][lower]);
        }
        for (int upper : new int[] {MeshRegions.OUTER_LIP_UPPER[5], MeshRegions.INNER_LIP_TOP}) {
            assertTrue(w[1][upper] > 0.99f, "upper lip at " + upper + ": " + w[1][upper]);
            assertEquals(0f, w[0][upper]);
        }
    }

    @Test
    void lipWeightsFallOffTowardsBothCornersWhichDoNotMoveAtAll() {
        float[][] w = weights();
        int[] lowerLip = MeshRegions.OUTER_LIP_LOWER;
        int[] upperLip = MeshRegions.OUTER_LIP_UPPER;
        for (int k = 1; k < 5; k++) {
            assertTrue(w[0][lowerLip[k]] < w[0][lowerLip[k + 1]], "left half of the lower lip at " + k);
            assertTrue(w[0][lowerLip[10 - k]] < w[0][lowerLip[9 - k]], "right half of the lower lip at " + k);
            assertTrue(w[1][upperLip[k]] < w[1][upperLip[k + 1]], "left half of the upper lip at " + k);
        }
        for (int corner : new int[] {MeshRegions.MOUTH_LEFT, MeshRegions.MOUTH_RIGHT,
            MeshRegions.INNER_LIP_UPPER[0], MeshRegions.INNER_LIP_UPPER[10]}) {
            assertEquals(0f, w[0][corner], "jaw at corner " + corner);
            assertEquals(0f, w[1][corner], "upper lip at corner " + corner);
        }
    }

    @Test
    void foreheadAndEyesAreFarFromTheMouthAndGetNothing() {
        float[][] w = weights();
        int[] far = {MeshRegions.FOREHEAD_TOP, MeshRegions.LEFT_EYE_OUTER, MeshRegions.RIGHT_EYE_OUTER,
            MeshRegions.LEFT_EYE_TOP, MeshRegions.RIGHT_EYE_BOTTOM};
        for (int i : far) {
            assertEquals(0f, w[0][i], "jaw at " + i);
            assertEquals(0f, w[1][i], "upper lip at " + i);
            assertEquals(0f, w[2][i], "mouth area at " + i);
        }
    }

    @Test
    void theChinFollowsTheJawFully() {
        // Well below the lower lip and within the mouth's width: vertical and lateral factors are both 1.
        float[][] w = weights();
        assertEquals(1f, w[0][MeshRegions.CHIN], EPS);
        assertEquals(0f, w[1][MeshRegions.CHIN]);
    }

    @Test
    void insideTheLipsTheInnerLineDecidesWhichLipAPointBelongsTo() {
        // On the centre line, between the outer and inner contours of each lip: the ellipse is 1 there.
        place(SPARE, centreX, (y[MeshRegions.INNER_LIP_BOTTOM] + lowerLipY) / 2);
        place(SPARE_TWIN, centreX, (upperLipY + y[MeshRegions.INNER_LIP_TOP]) / 2);
        float[][] w = weights();
        assertEquals(1f, w[0][SPARE], EPS);
        assertEquals(0f, w[1][SPARE]);
        assertEquals(0f, w[0][SPARE_TWIN]);
        assertEquals(1f, w[1][SPARE_TWIN], EPS);
    }

    @Test
    void skinHalfwayFromTheNoseToTheLipTakesHalfTheUpperLipsMotion() {
        // smoothstep is 0.5 at its midpoint; on the centre line the sideways reach costs nothing.
        place(SPARE, centreX, (y[MeshRegions.SUBNASALE] + upperLipY) / 2);
        // Above the nose base the philtrum factor is 0.
        place(SPARE_TWIN, centreX, y[MeshRegions.SUBNASALE] - 5);
        float[][] w = weights();
        assertEquals(0.5f, w[1][SPARE], EPS);
        assertEquals(0f, w[0][SPARE], "above the corners the jaw does not pull");
        assertEquals(0f, w[1][SPARE_TWIN]);
    }

    @Test
    void cheekSkinFarToTheSideKeepsAQuarterOfTheJawMotion() {
        // Past 2.6 half-widths sideways the lateral factor bottoms out at 1 - 0.75; below the lip, vertical is 1.
        place(SPARE, centreX + 3 * halfWidth, lowerLipY + lipHeight);
        float[][] w = weights();
        assertEquals(0.25f, w[0][SPARE], EPS);
        assertEquals(0f, w[2][SPARE], "three half-widths out is past the mouth area");
    }

    @Test
    void theMouthAreaIsFullInsideTheMouthAndHalfAt1Point4HalfWidths() {
        place(SPARE, centreX + 1.4f * halfWidth, cornerY);
        float[][] w = weights();
        assertEquals(0.5f, w[2][SPARE], EPS);
        assertEquals(1f, w[2][MeshRegions.INNER_LIP_TOP], EPS);
        // The corner sits one half-width out, just past where the fade begins.
        assertTrue(w[2][MeshRegions.MOUTH_LEFT] > 0.9f && w[2][MeshRegions.MOUTH_LEFT] < 1f);
    }

    @Test
    void pointsMirroredAcrossTheMouthsCentreGetTheSameWeights() {
        for (float[] offset : new float[][] {{0.5f, 1.5f}, {1.2f, 0.2f}, {2f, -0.6f}, {1.1f, -1.2f}}) {
            place(SPARE, centreX - offset[0] * halfWidth, cornerY + offset[1] * lipHeight);
            place(SPARE_TWIN, centreX + offset[0] * halfWidth, cornerY + offset[1] * lipHeight);
            float[][] w = weights();
            for (float[] kind : w) {
                assertEquals(kind[SPARE], kind[SPARE_TWIN], EPS, "offset " + offset[0] + ", " + offset[1]);
            }
        }
    }

    @Test
    void smoothstepIsClampedAndSymmetric() {
        assertEquals(0f, MouthWeights.smoothstep(2, 4, 1));
        assertEquals(0f, MouthWeights.smoothstep(2, 4, 2));
        assertEquals(0.5f, MouthWeights.smoothstep(2, 4, 3), EPS);
        assertEquals(0.15625f, MouthWeights.smoothstep(2, 4, 2.5f), EPS); // 3t^2 - 2t^3 at t = 1/4
        assertEquals(1f, MouthWeights.smoothstep(2, 4, 9));
    }
}
