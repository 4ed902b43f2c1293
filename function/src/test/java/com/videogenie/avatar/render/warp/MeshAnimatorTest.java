package com.videogenie.avatar.render.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.face.OnnxFaceDetector;
import com.videogenie.avatar.face.OnnxFaceMesh;
import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.media.PhotoLoader;
import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.render.Portrait;
import com.videogenie.avatar.render.PortraitFraming;
import com.videogenie.avatar.motion.FrameMotion;
import com.videogenie.avatar.motion.HeadPose;
import com.videogenie.avatar.speech.MouthPose;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Geometry of the animated mesh on a real face: what moves, how far, and what stays put. */
class MeshAnimatorTest {
    @TempDir
    static Path cache;
    private static FaceLandmarks face;
    private static ControlMesh mesh;
    private static MeshAnimator animator;

    @BeforeAll
    static void fitRealFace() {
        ModelRegistry models = TestAssets.models(cache);
        try (OnnxFaceDetector detector = new OnnxFaceDetector(models.resolve("face_detector_short"),
                models.resolve("face_detector_full"));
             OnnxFaceMesh fit = new OnnxFaceMesh(models.resolve("face_mesh"))) {
            Portrait portrait = PortraitFraming.frame(PhotoLoader.load(TestAssets.face("portrait_woman_474.png")),
                    new FaceLocator(detector, fit).locate(PhotoLoader.load(TestAssets.face("portrait_woman_474.png")))
                            .landmarks(), 512, 512);
            face = portrait.landmarks();
            mesh = ControlMesh.around(face, portrait.canvas().width(), portrait.canvas().height());
            animator = new MeshAnimator(mesh, face);
        }
    }

    private static float[][] animate(HeadPose head, MouthPose mouth, double blink) {
        float[] x = new float[mesh.count];
        float[] y = new float[mesh.count];
        animator.animate(new FrameMotion(0, head, mouth, blink), x, y);
        return new float[][] {x, y};
    }

    private static double gap(float[][] p, int a, int b) {
        return Math.hypot(p[0][a] - p[0][b], p[1][a] - p[1][b]);
    }

    @Test
    void openMouthSeparatesTheLipsByTheTargetGap() {
        float[][] open = animate(HeadPose.NEUTRAL, new MouthPose(1, 0, 0, 0), 0);
        double expected = MeshAnimator.MAX_GAP * face.faceHeight();
        assertEquals(expected, gap(open, MeshRegions.INNER_LIP_TOP, MeshRegions.INNER_LIP_BOTTOM), expected * 0.05);
    }

    @Test
    void closedMouthBringsTheLipsTogetherAndLeavesTheEyesAlone() {
        float[][] rest = animate(HeadPose.NEUTRAL, MouthPose.REST, 0);
        assertTrue(gap(rest, MeshRegions.INNER_LIP_TOP, MeshRegions.INNER_LIP_BOTTOM) < 0.5);
        for (int i : MeshRegions.LEFT_EYE_UPPER) {
            assertEquals(mesh.x[i], rest[0][i], 1e-3);
            assertEquals(mesh.y[i], rest[1][i], 1e-3);
        }
    }

    @Test
    void jawOpeningMovesTheChinDownButNotTheForehead() {
        float[][] rest = animate(HeadPose.NEUTRAL, MouthPose.REST, 0);
        float[][] open = animate(HeadPose.NEUTRAL, new MouthPose(1, 0, 0, 0), 0);
        assertTrue(open[1][MeshRegions.CHIN] - rest[1][MeshRegions.CHIN] > 0.05 * face.faceHeight());
        assertEquals(rest[1][MeshRegions.FOREHEAD_TOP], open[1][MeshRegions.FOREHEAD_TOP], 1e-3);
    }

    @Test
    void roundingNarrowsTheMouthAndSpreadingWidensIt() {
        double neutral = gap(animate(HeadPose.NEUTRAL, MouthPose.REST, 0), MeshRegions.MOUTH_LEFT, MeshRegions.MOUTH_RIGHT);
        double round = gap(animate(HeadPose.NEUTRAL, new MouthPose(0, 0, 1, 0), 0), MeshRegions.MOUTH_LEFT, MeshRegions.MOUTH_RIGHT);
        double spread = gap(animate(HeadPose.NEUTRAL, new MouthPose(0, 1, 0, 0), 0), MeshRegions.MOUTH_LEFT, MeshRegions.MOUTH_RIGHT);
        assertTrue(round < neutral * 0.85, "round " + round + " vs " + neutral);
        assertTrue(spread > neutral * 1.05, "spread " + spread + " vs " + neutral);
    }

    @Test
    void blinkClosesBothEyes() {
        float[][] open = animate(HeadPose.NEUTRAL, MouthPose.REST, 0);
        float[][] shut = animate(HeadPose.NEUTRAL, MouthPose.REST, 1);
        // The lids meet; what is left is the small sideways offset between the paired points.
        assertTrue(gap(shut, MeshRegions.LEFT_EYE_TOP, MeshRegions.LEFT_EYE_BOTTOM)
                < 0.25 * gap(open, MeshRegions.LEFT_EYE_TOP, MeshRegions.LEFT_EYE_BOTTOM));
        assertTrue(gap(shut, MeshRegions.RIGHT_EYE_TOP, MeshRegions.RIGHT_EYE_BOTTOM)
                < 0.25 * gap(open, MeshRegions.RIGHT_EYE_TOP, MeshRegions.RIGHT_EYE_BOTTOM));
    }

    @Test
    void headTurnMovesTheFaceButNotTheBackground() {
        float[][] turned = animate(new HeadPose(0.05, 0, 0, 0, 0), MouthPose.REST, 0);
        assertTrue(Math.abs(turned[0][MeshRegions.NOSE_TIP] - mesh.x[MeshRegions.NOSE_TIP]) > 2);
        for (int i = 0; i < mesh.count; i++) {
            if (mesh.follow[i] == 0) {
                assertEquals(mesh.x[i], turned[0][i], 1e-4);
                assertEquals(mesh.y[i], turned[1][i], 1e-4);
            }
        }
    }
}
