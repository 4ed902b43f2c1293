package com.videogenie.avatar.render.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.VideoFrames;
import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.face.OnnxFaceDetector;
import com.videogenie.avatar.face.OnnxFaceMesh;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.motion.FrameMotion;
import com.videogenie.avatar.motion.HeadPose;
import com.videogenie.avatar.neural.NeuralSettings;
import com.videogenie.avatar.neural.FrameDifference;
import com.videogenie.avatar.neural.Ppm;
import com.videogenie.avatar.neural.StandInNetworks;
import com.videogenie.avatar.neural.TorchScriptModel;
import com.videogenie.avatar.render.AudioWindow;
import com.videogenie.avatar.render.FaceRegion;
import com.videogenie.avatar.render.FrameBatch;
import com.videogenie.avatar.speech.MouthPose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GFPGAN's alignment and paste-back against an independent Python reference
 * (src/test/python/gfpgan_reference.py) on the stand-in network, on real footage with the face mesh's
 * five points: the similarity transform, and whole frames after alignment, network, inverse warp and
 * facexlib's soft mask, in batches of 3 against one frame at a time (within 1 level on average).
 */
class GfpganParityTest {
    private static final int BATCH = 3;
    private static final int[] FRAMES = {0, 25, 50, 90, 130, 170};

    @TempDir
    Path work;

    @Test
    void alignmentAndPasteBackMatchTheReference() throws Exception {
        Path standIns = StandInNetworks.lipSync();
        List<RgbImage> footage = VideoFrames.decode(TestAssets.video("real_talking_man_em_8s.mp4")).frames();
        int width = footage.get(0).width();
        int height = footage.get(0).height();
        ModelRegistry models = TestAssets.models(work.resolve("cache"));
        List<RgbImage> outputs = new ArrayList<>();
        List<double[]> forwards = new ArrayList<>();
        StringBuilder points = new StringBuilder();
        try (OnnxFaceDetector detector = new OnnxFaceDetector(models.resolve("face_detector_short"),
                models.resolve("face_detector_full"));
             OnnxFaceMesh mesh = new OnnxFaceMesh(models.resolve("face_mesh"));
             TorchScriptModel model = TorchScriptModel.load("gfpgan", standIns.resolve("gfpgan.pt"),
                     new NeuralSettings(standIns, true, BATCH, "cpu"))) {
            FaceLocator faces = new FaceLocator(detector, mesh);
            try (GfpganPass pass = new GfpganPass(model, BATCH, width, height)) {
                FrameBatch batch = new FrameBatch(BATCH, width, height, AudioWindow.Span.NONE);
                for (int start = 0; start < FRAMES.length; start += BATCH) {
                    batch.clear();
                    for (int k = start; k < start + BATCH; k++) {
                        RgbImage frame = footage.get(FRAMES[k]);
                        int slot = batch.add(new FrameMotion(FRAMES[k], HeadPose.NEUTRAL, MouthPose.REST, 0));
                        batch.image(slot).copyFrom(frame);
                        FaceLandmarks landmarks = faces.locate(frame).landmarks();
                        float[] xs = new float[FaceLandmarks.COUNT];
                        float[] ys = new float[FaceLandmarks.COUNT];
                        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
                            xs[i] = landmarks.x(i);
                            ys[i] = landmarks.y(i);
                        }
                        FaceRegion region = batch.face(slot);
                        region.setFromMesh(xs, ys, 0);
                        double[] p = FaceAlignment.points(region);
                        for (double v : p) {
                            points.append(v).append(' ');
                        }
                        points.append('\n');
                        forwards.add(FaceAlignment.fit(p).forward());
                        Ppm.write(work.resolve(String.format("frame_%03d.ppm", k)), frame);
                    }
                    pass.enhance(batch);
                    for (int slot = 0; slot < batch.size(); slot++) {
                        outputs.add(batch.image(slot).copy());
                    }
                }
            }
            assertEquals(FRAMES.length / BATCH, model.callsRun(), "one network call per batch");
        }
        Files.writeString(work.resolve("points.txt"), points);
        StandInNetworks.run(List.of(TestAssets.repositoryRoot().resolve("function/src/test/python/gfpgan_reference.py")
                .toString(), work.toString(), standIns.resolve("gfpgan.pt").toString()));

        List<String> affines = Files.readAllLines(work.resolve("affine.txt"));
        double affineWorst = 0;
        double meanWorst = 0;
        double maxWorst = 0;
        for (int k = 0; k < FRAMES.length; k++) {
            String[] reference = affines.get(k).trim().split(" ");
            for (int i = 0; i < 6; i++) {
                double expected = Double.parseDouble(reference[i]);
                affineWorst = Math.max(affineWorst, Math.abs(expected - forwards.get(k)[i]) / Math.max(1, Math.abs(expected)));
            }
            RgbImage expected = Ppm.read(work.resolve(String.format("out_%03d.ppm", k)));
            FrameDifference error = FrameDifference.of(outputs.get(k), expected);
            meanWorst = Math.max(meanWorst, error.mean());
            maxWorst = Math.max(maxWorst, error.largest());
            assertTrue(error.mean() <= 1.0, "frame " + k + ": mean difference " + error.mean());
            assertTrue(error.largest() <= 3.0, "frame " + k + ": largest difference " + error.largest());
            assertTrue(FrameDifference.of(outputs.get(k), footage.get(FRAMES[k])).largest() > 10, "frame " + k + ": the face was restored");
            assertEquals(0, corner(outputs.get(k), footage.get(FRAMES[k])), "frame " + k + ": the corner stays the frame's");
        }
        assertTrue(affineWorst < 1e-6, "alignment differs by " + affineWorst);
        System.out.printf("GFPGAN parity: alignment %.1e; frames mean %.4f, max %.0f levels%n", affineWorst, meanWorst,
                maxWorst);
    }

    /** Largest difference in the top-left 16x16 corner, far from the face. */
    private static int corner(RgbImage a, RgbImage b) {
        int worst = 0;
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16 * 3; x++) {
                int at = y * a.width() * 3 + x;
                worst = Math.max(worst, Math.abs((a.bgr()[at] & 0xff) - (b.bgr()[at] & 0xff)));
            }
        }
        return worst;
    }
}
