package com.videogenie.avatar.render.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import org.junit.jupiter.api.Test;

/** The rest mesh built on a synthetic face whose every relevant distance is known. */
class ControlMeshTest {
    private static final float EPS = 1e-3f;
    private static final int LIDS = MeshRegions.LEFT_EYE_UPPER.length + MeshRegions.RIGHT_EYE_UPPER.length;
    private static final int OVAL = MeshRegions.FACE_OVAL.length;

    /**
     * A face centred on (cx, cy): the oval is a circle of the given radius, each eye is 50 px wide with
     * its lids {@code lidGap} px apart, the eye line is horizontal; every other landmark sits at the centre.
     * The whole face is then turned by {@code angle} about its centre.
     */
    private static FaceLandmarks face(float cx, float cy, float radius, float lidGap, double angle) {
        float[] xyz = new float[FaceLandmarks.COUNT * 3];
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            xyz[3 * i] = cx;
            xyz[3 * i + 1] = cy;
            xyz[3 * i + 2] = i % 7;
        }
        for (int k = 0; k < OVAL; k++) {
            double a = 2 * Math.PI * k / OVAL;
            set(xyz, MeshRegions.FACE_OVAL[k], cx + radius * Math.cos(a), cy + radius * Math.sin(a));
        }
        eye(xyz, cx - 80, cy - 36, lidGap, MeshRegions.LEFT_EYE_OUTER, 133,
                MeshRegions.LEFT_EYE_UPPER, MeshRegions.LEFT_EYE_LOWER);
        eye(xyz, cx + 30, cy - 36, lidGap, 362, MeshRegions.RIGHT_EYE_OUTER,
                MeshRegions.RIGHT_EYE_UPPER, MeshRegions.RIGHT_EYE_LOWER);
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            double dx = xyz[3 * i] - cx;
            double dy = xyz[3 * i + 1] - cy;
            set(xyz, i, cx + dx * cos - dy * sin, cy + dx * sin + dy * cos);
        }
        return new FaceLandmarks(xyz);
    }

    /** An eye from x = left to left + 50 on the line y = mid, lids mid -/+ gap / 2, matched point by point. */
    private static void eye(float[] xyz, float left, float mid, float gap, int leftCorner, int rightCorner,
                            int[] upper, int[] lower) {
        set(xyz, leftCorner, left, mid);
        set(xyz, rightCorner, left + 50, mid);
        for (int k = 0; k < upper.length; k++) {
            float x = left + 50f * (k + 1) / (upper.length + 1);
            set(xyz, upper[k], x, mid - gap / 2);
            set(xyz, lower[k], x, mid + gap / 2);
        }
    }

    private static void set(float[] xyz, int i, double x, double y) {
        xyz[3 * i] = (float) x;
        xyz[3 * i + 1] = (float) y;
    }

    private static int[] lowerLids() {
        int[] lower = new int[LIDS];
        System.arraycopy(MeshRegions.LEFT_EYE_LOWER, 0, lower, 0, MeshRegions.LEFT_EYE_LOWER.length);
        System.arraycopy(MeshRegions.RIGHT_EYE_LOWER, 0, lower, MeshRegions.LEFT_EYE_LOWER.length,
                MeshRegions.RIGHT_EYE_LOWER.length);
        return lower;
    }

    private static double taper(int k) {
        return Math.sin(Math.PI * (k % 7 + 1) / 8);
    }

    @Test
    void theFirstPointsAreTheLandmarksThemselvesAndFollowTheHeadFully() {
        FaceLandmarks face = face(256, 256, 100, 10, 0.2);
        ControlMesh mesh = ControlMesh.around(face, 512, 512);
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            assertEquals(face.x(i), mesh.x[i]);
            assertEquals(face.y(i), mesh.y[i]);
            assertEquals(face.z(i), mesh.z[i]);
            assertEquals(1f, mesh.follow[i]);
            assertEquals(-1, mesh.parent[i]);
        }
    }

    @Test
    void aFaceInsideTheCanvasGetsLandmarksLidsTwoRingsAndABorderEvery48Pixels() {
        ControlMesh mesh = ControlMesh.around(face(256, 256, 100, 10, 0), 512, 512);
        // 512 / 48 rounds to 11 points along each side.
        assertEquals(FaceLandmarks.COUNT + LIDS + 2 * OVAL + 4 * 11, mesh.count);
        assertEquals(mesh.count, mesh.x.length);
    }

    @Test
    void aFlatEyeGetsItsLidLinePushedDownByTheMissingHeightTaperedToTheCorners() {
        // Eye 50 wide, lids 10 apart: a typical eye would be 0.3 * 50 = 15 tall, so 5 px are missing.
        FaceLandmarks face = face(256, 256, 100, 10, 0);
        ControlMesh mesh = ControlMesh.around(face, 512, 512);
        int[] lower = lowerLids();
        for (int k = 0; k < LIDS; k++) {
            int lid = mesh.lidLine[k];
            assertTrue(lid >= FaceLandmarks.COUNT && lid < FaceLandmarks.COUNT + LIDS);
            assertEquals(face.x(lower[k]), mesh.x[lid], EPS, "straight down on an upright face");
            assertEquals(face.y(lower[k]) + 5 * taper(k), mesh.y[lid], EPS, "lid point " + k);
            assertEquals(face.z(lower[k]), mesh.z[lid]);
            assertEquals(1f, mesh.follow[lid]);
        }
    }

    @Test
    void theLidLineShiftIsAtLeastHalfAPixelAndAtMostFifteenPercentOfTheEye() {
        // Lids 20 apart are taller than typical: only the half-pixel minimum remains.
        ControlMesh open = ControlMesh.around(face(256, 256, 100, 20, 0), 512, 512);
        // Lids touching: 15 px missing, capped at 0.15 * 50 = 7.5.
        ControlMesh shut = ControlMesh.around(face(256, 256, 100, 0, 0), 512, 512);
        FaceLandmarks openFace = face(256, 256, 100, 20, 0);
        FaceLandmarks shutFace = face(256, 256, 100, 0, 0);
        int[] lower = lowerLids();
        for (int k = 0; k < LIDS; k++) {
            assertEquals(openFace.y(lower[k]) + 0.5f, open.y[open.lidLine[k]], EPS);
            assertEquals(shutFace.y(lower[k]) + Math.max(0.5, 7.5 * taper(k)), shut.y[shut.lidLine[k]], EPS);
        }
    }

    @Test
    void onATurnedFaceTheLidLineMovesAlongTheFacesDownNotTheImagesDown() {
        double angle = Math.toRadians(30);
        FaceLandmarks face = face(256, 256, 100, 10, angle);
        ControlMesh mesh = ControlMesh.around(face, 512, 512);
        int[] lower = lowerLids();
        for (int k = 0; k < LIDS; k++) {
            double shift = 5 * taper(k);
            // The face's down (0, 1) turned by the same angle.
            assertEquals(face.x(lower[k]) - shift * Math.sin(angle), mesh.x[mesh.lidLine[k]], EPS);
            assertEquals(face.y(lower[k]) + shift * Math.cos(angle), mesh.y[mesh.lidLine[k]], EPS);
        }
    }

    @Test
    void ringsArePushedOutFromTheOvalCentreAndFollowLessTheFurtherOut() {
        ControlMesh mesh = ControlMesh.around(face(256, 256, 100, 10, 0), 512, 512);
        int first = FaceLandmarks.COUNT + LIDS;
        for (int k = 0; k < OVAL; k++) {
            int inner = first + k;
            int outer = first + OVAL + k;
            assertEquals(MeshRegions.FACE_OVAL[k], mesh.parent[inner]);
            assertEquals(MeshRegions.FACE_OVAL[k], mesh.parent[outer]);
            assertEquals(130, Math.hypot(mesh.x[inner] - 256, mesh.y[inner] - 256), EPS);
            assertEquals(175, Math.hypot(mesh.x[outer] - 256, mesh.y[outer] - 256), EPS);
            // Same direction from the centre as the oval point it came from.
            double a = 2 * Math.PI * k / OVAL;
            assertEquals(256 + 175 * Math.cos(a), mesh.x[outer], EPS);
            assertEquals(0.6f, mesh.follow[inner]);
            assertEquals(0f, mesh.follow[outer]);
        }
    }

    @Test
    void theBorderRunsAlongTheCanvasEdgesCornersIncludedAndHoldsStill() {
        // Centred so that even the outer ring (radius 175) stays inside the 384 px height.
        ControlMesh mesh = ControlMesh.around(face(256, 192, 100, 10, 0), 512, 384);
        int first = FaceLandmarks.COUNT + LIDS + 2 * OVAL;
        for (int i = first; i < mesh.count; i++) {
            float x = mesh.x[i];
            float y = mesh.y[i];
            assertTrue(x == 0 || x == 512 || y == 0 || y == 384, "on an edge: " + x + ", " + y);
            assertTrue(x >= 0 && x <= 512 && y >= 0 && y <= 384);
            assertEquals(0f, mesh.follow[i]);
            assertEquals(-1, mesh.parent[i]);
        }
        // 512 / 48 -> 11 across, 384 / 48 = 8 down.
        assertEquals(2 * 11 + 2 * 8, mesh.count - first);
        assertCorner(mesh, first, 0, 0);
        assertCorner(mesh, first, 512, 0);
        assertCorner(mesh, first, 0, 384);
        assertCorner(mesh, first, 512, 384);
    }

    private static void assertCorner(ControlMesh mesh, int first, float x, float y) {
        for (int i = first; i < mesh.count; i++) {
            if (mesh.x[i] == x && mesh.y[i] == y) {
                return;
            }
        }
        throw new AssertionError("no border point at the corner " + x + ", " + y);
    }

    @Test
    void aFaceSpillingOverTheCanvasPushesTheBorderOutPastTheOuterRing() {
        // Centred on the left edge: the outer ring reaches x = -175, so the border stands 2 px beyond it.
        ControlMesh mesh = ControlMesh.around(face(0, 256, 100, 10, 0), 512, 512);
        int first = FaceLandmarks.COUNT + LIDS + 2 * OVAL;
        float minBorderX = Float.MAX_VALUE;
        for (int i = first; i < mesh.count; i++) {
            minBorderX = Math.min(minBorderX, mesh.x[i]);
        }
        assertEquals(-177, minBorderX, EPS);
        for (int i = 0; i < first; i++) {
            assertTrue(mesh.x[i] > minBorderX && mesh.x[i] < 512, "point " + i + " inside the border");
            assertTrue(mesh.y[i] > 0 && mesh.y[i] < 512);
        }
    }
}
