package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.motion.FrameMotion;
import com.videogenie.avatar.motion.HeadPose;
import com.videogenie.avatar.speech.MouthPose;

/**
 * Moves the control points for one frame: jaw and lips from the mouth pose, eyelids from the blink,
 * brows from the brow raise, then the whole head by the head pose. Deformations are computed in the
 * face's own axes (x along the eye line, y down the face, z into the picture), so a tilted photo
 * opens its mouth along the face rather than straight down the image.
 *
 * <p>All per-vertex weights are derived once from the rest mesh; a frame costs a few multiply-adds
 * per point and allocates nothing.
 */
final class MeshAnimator {
    /** Widest inner-lip gap (an /a/), in face heights; real speakers reach about 0.1-0.15. */
    static final float MAX_GAP = 0.12f;
    /** Below 1 lifts moderate openings: most syllables are half-open, and a too-small mouth reads as mumbling. */
    private static final double OPEN_CURVE = 0.8;
    /** Share of the gap change taken by the jaw and lower lip; the upper lip takes the rest. */
    private static final float JAW_SHARE = 0.8f;
    private static final float SPREAD_WIDTH = 0.10f;
    private static final float ROUND_WIDTH = 0.22f;
    /** The lids meet 80% of the way down, as the lower lid rises a little too. */
    private static final float UPPER_LID_TRAVEL = 0.8f;
    private static final float CREASE_TRAVEL = 0.5f;
    /** The skin between brow and lid stretches: it rises this share of the brow's lift. */
    private static final float CREASE_BROW_SHARE = 0.4f;
    private final ControlMesh mesh;
    private final float centreX;
    private final float centreY;
    private final float axisX;
    private final float axisY;
    private final float faceHeight;
    private final float[] localX;
    private final float[] localY;
    private final float[] localZ;
    private final float[] jaw;
    private final float[] upperLip;
    private final float[] mouthArea;
    private final float[] blinkDrop;
    private final float[] browLift;
    private final float mouthCentreX;
    private final float restGap;

    MeshAnimator(ControlMesh mesh, FaceLandmarks face) {
        this.mesh = mesh;
        int n = mesh.count;
        float ex = face.x(MeshRegions.RIGHT_EYE_OUTER) - face.x(MeshRegions.LEFT_EYE_OUTER);
        float ey = face.y(MeshRegions.RIGHT_EYE_OUTER) - face.y(MeshRegions.LEFT_EYE_OUTER);
        float len = (float) Math.hypot(ex, ey);
        axisX = ex / len;
        axisY = ey / len;
        centreX = (face.x(MeshRegions.FOREHEAD_TOP) + face.x(MeshRegions.CHIN)) / 2;
        centreY = (face.y(MeshRegions.FOREHEAD_TOP) + face.y(MeshRegions.CHIN)) / 2;
        faceHeight = (float) face.faceHeight();
        float meanZ = 0;
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            meanZ += face.z(i);
        }
        meanZ /= FaceLandmarks.COUNT;

        localX = new float[n];
        localY = new float[n];
        localZ = new float[n];
        for (int i = 0; i < n; i++) {
            float dx = mesh.x[i] - centreX;
            float dy = mesh.y[i] - centreY;
            localX[i] = dx * axisX + dy * axisY;
            localY[i] = -dx * axisY + dy * axisX;
            localZ[i] = mesh.z[i] - meanZ;
        }
        mouthCentreX = (localX[MeshRegions.MOUTH_LEFT] + localX[MeshRegions.MOUTH_RIGHT]) / 2;
        restGap = Math.max(0, localY[MeshRegions.INNER_LIP_BOTTOM] - localY[MeshRegions.INNER_LIP_TOP]);

        jaw = new float[n];
        upperLip = new float[n];
        mouthArea = new float[n];
        blinkDrop = new float[n];
        browLift = new float[n];
        for (int i : MeshRegions.BROWS) {
            browLift[i] = 1;
        }
        for (int[] crease : new int[][] {MeshRegions.LEFT_LID_CREASE, MeshRegions.RIGHT_LID_CREASE}) {
            for (int i : crease) {
                browLift[i] = CREASE_BROW_SHARE;
            }
        }
        new MouthWeights(localX, localY).fill(jaw, upperLip, mouthArea, n);
        for (int i = FaceLandmarks.COUNT; i < n; i++) {
            // Ring points stretch the neck with the jaw, less the further out they are.
            jaw[i] = mesh.parent[i] >= 0 ? jaw[mesh.parent[i]] * mesh.follow[i] * 0.6f : 0f;
        }
        fillBlink(MeshRegions.LEFT_EYE_UPPER, MeshRegions.LEFT_EYE_LOWER, MeshRegions.LEFT_LID_CREASE, 0);
        fillBlink(MeshRegions.RIGHT_EYE_UPPER, MeshRegions.RIGHT_EYE_LOWER, MeshRegions.RIGHT_LID_CREASE,
                MeshRegions.LEFT_EYE_UPPER.length);
    }

    /** Upper lid, lower lid contour and the true lid line all meet most of the way down the eye. */
    private void fillBlink(int[] upper, int[] lower, int[] crease, int lidOffset) {
        for (int k = 0; k < upper.length; k++) {
            int lid = mesh.lidLine[lidOffset + k];
            float meet = localY[upper[k]] + UPPER_LID_TRAVEL * Math.max(0, localY[lid] - localY[upper[k]]);
            blinkDrop[upper[k]] = meet - localY[upper[k]];
            blinkDrop[lower[k]] = meet - localY[lower[k]];
            blinkDrop[lid] = meet - localY[lid];
            blinkDrop[crease[k]] = CREASE_TRAVEL * blinkDrop[upper[k]];
        }
    }

    float faceHeight() {
        return faceHeight;
    }

    /** Writes the moved control points (canvas pixels) into {@code outX}/{@code outY}. */
    void animate(FrameMotion motion, float[] outX, float[] outY) {
        MouthPose mouth = motion.mouth();
        float gapChange = (float) Math.pow(mouth.effectiveOpen(), OPEN_CURVE) * MAX_GAP * faceHeight - restGap;
        float widthScale = 1 + SPREAD_WIDTH * mouth.spread() - ROUND_WIDTH * mouth.round();
        float blink = (float) motion.eyeClosure();
        float browRise = (float) motion.browRaise() * faceHeight;
        HeadPose head = motion.head();
        float pivotZ = (float) HeadPose.PIVOT_DEPTH * faceHeight;
        float scale = (float) head.scale();
        for (int i = 0; i < mesh.count; i++) {
            float follow = mesh.follow[i];
            float lx = localX[i] + (localX[i] - mouthCentreX) * (widthScale - 1) * mouthArea[i];
            float ly = localY[i] + gapChange * (JAW_SHARE * jaw[i] - (1 - JAW_SHARE) * upperLip[i])
                    + blink * blinkDrop[i] - browRise * browLift[i];
            float lz = localZ[i] - pivotZ;
            if (follow > 0) {
                // Rotate about the head's centre, scaled by how much this point follows the head.
                float yaw = (float) head.yaw() * follow;
                float pitch = (float) head.pitch() * follow;
                float roll = (float) head.roll() * follow;
                float cy = (float) Math.cos(yaw);
                float sy = (float) Math.sin(yaw);
                float x1 = lx * cy - lz * sy;
                float z1 = lx * sy + lz * cy;
                float cp = (float) Math.cos(pitch);
                float sp = (float) Math.sin(pitch);
                float y2 = ly * cp - z1 * sp;
                float cr = (float) Math.cos(roll);
                float sr = (float) Math.sin(roll);
                lx = x1 * cr - y2 * sr;
                ly = x1 * sr + y2 * cr;
                if (scale != 1) {
                    // Larger or smaller about the pivot, as far as the point follows the head.
                    float grow = 1 + (scale - 1) * follow;
                    lx *= grow;
                    ly *= grow;
                }
                lx += (float) head.shiftX() * faceHeight * follow;
                ly += (float) head.shiftY() * faceHeight * follow;
            }
            outX[i] = centreX + lx * axisX - ly * axisY;
            outY[i] = centreY + lx * axisY + ly * axisX;
        }
    }
}
