package com.videogenie.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.face.OnnxFaceDetector;
import com.videogenie.avatar.face.OnnxFaceMesh;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.media.AudioDecoder;
import com.videogenie.avatar.media.DriverVideoReader;
import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.motion.HeadPose;
import com.videogenie.avatar.motion.MeshPose;
import com.videogenie.avatar.speech.AudioClip;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A driving video on the CPU renderer, measured on the output as a viewer would see it: the face
 * mesh is fitted on every output frame and on every driver frame, and the head pose of each,
 * relative to its own first frame, compared. The 3 s driver is shorter than the 8 s speech, so the
 * expected track plays it forwards, backwards and forwards again.
 */
class DriverVideoTest {
    private static final int FPS = 25;
    /** Below this spread (about 0.6 degrees) the driver does not move on that axis. */
    private static final double MOVES = 0.01;

    @TempDir
    static Path work;
    private static OnnxFaceDetector detector;
    private static OnnxFaceMesh mesh;
    private static FaceLocator faces;
    private static RenderResult driven;
    private static double[][] outputPose;
    private static double[][] driverPose;
    private static double drivenLipSync;
    private static double idleLipSync;

    @BeforeAll
    static void renderWithAndWithoutTheDriver() throws Exception {
        ModelRegistry models = TestAssets.models(work.resolve("cache"));
        detector = new OnnxFaceDetector(models.resolve("face_detector_short"), models.resolve("face_detector_full"));
        mesh = new OnnxFaceMesh(models.resolve("face_mesh"));
        faces = new FaceLocator(detector, mesh);
        String photo = TestAssets.face("portrait_woman_474.png").toString();
        Path speech = TestAssets.audio("speech_en_8s_16k_stereo.wav");
        Path withDriver = work.resolve("driven.mp4");
        Path without = work.resolve("idle.mp4");
        try (RenderAvatar avatar = RenderAvatar.create(RenderSettings.defaults(), models)) {
            driven = avatar.apply(new RenderRequest(photo, speech.toString(), driver().toString(),
                    withDriver.toString(), 512, 512, FPS, 3L, null, null, "cpu-warp", null));
            avatar.apply(new RenderRequest(photo, speech.toString(), null, without.toString(), 512, 512, FPS, 3L,
                    null, null, "cpu-warp", null));
        }
        List<RgbImage> drivenFrames = VideoFrames.decode(withDriver).frames();
        outputPose = poses(drivenFrames);
        List<RgbImage> driverFrames = VideoFrames.decode(driver()).frames();
        double[][] raw = poses(driverFrames);
        driverPose = new double[outputPose.length][];
        for (int f = 0; f < outputPose.length; f++) {
            driverPose[f] = raw[pingPong(f, raw.length)];
        }
        AudioClip clip = AudioDecoder.decode(speech, 16_000, 600).clip();
        double[] loudness = MouthMeasure.envelope(clip, FPS, drivenFrames.size());
        drivenLipSync = MouthMeasure.correlation(MouthMeasure.openings(faces, drivenFrames), loudness, 0);
        List<RgbImage> idleFrames = VideoFrames.decode(without).frames();
        idleLipSync = MouthMeasure.correlation(MouthMeasure.openings(faces, idleFrames), loudness, 0);
    }

    @AfterAll
    static void close() {
        detector.close();
        mesh.close();
    }

    @Test
    void headFollowsTheDriverOnEveryAxisItMoves() {
        String[] axes = {"yaw", "pitch", "roll"};
        int moving = 0;
        for (int axis = 0; axis < 3; axis++) {
            double[] expected = column(driverPose, axis);
            double[] actual = column(outputPose, axis);
            double spread = std(expected);
            double r = MouthMeasure.correlation(actual, expected, 0);
            System.out.printf("driver: %s driver std %.2f deg, output std %.2f deg, r = %.3f%n", axes[axis],
                    Math.toDegrees(spread), Math.toDegrees(std(actual)), r);
            if (spread > MOVES) {
                moving++;
                assertTrue(r >= 0.8, axes[axis] + " should follow the driver, r = " + r);
            }
        }
        // The shared driver mostly nods; its turn and tilt are near the mesh fit's own jitter.
        assertTrue(moving >= 1, "the shared driver nods clearly; no axis moved in the measurement");
    }

    @Test
    void mouthFollowsTheSpeechAsWellAsWithoutADriver() {
        System.out.printf("driver: lip sync r = %.3f with the driver, %.3f without%n", drivenLipSync, idleLipSync);
        assertTrue(drivenLipSync >= 0.9 * idleLipSync && drivenLipSync <= 1.1 * idleLipSync,
                "lip sync with the driver " + drivenLipSync + " should be within 10% of " + idleLipSync);
    }

    @Test
    void resultSaysTheMotionCameFromTheDriver() {
        assertEquals("driver", driven.stages().get("motion"));
        assertEquals("cpu-warp", driven.stages().get("render"));
        assertEquals("formant", driven.stages().get("mouth"));
        assertEquals(driven.encoder(), driven.stages().get("encode"));
        assertEquals(200, driven.frames(), 1);
        assertTrue(driven.timings().containsKey("driver"), "the driver's reading is timed: " + driven.timings());
    }

    @Test
    void badDriversFailWithTheirOwnCodesAndLeaveNothing() throws Exception {
        Path dir = Files.createDirectories(work.resolve("bad-drivers"));
        byte[] noise = new byte[8192];
        new Random(5).nextBytes(noise);
        Path corrupt = Files.write(dir.resolve("noise.mp4"), noise);
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        Path huge = dir.resolve("wide.png");
        ImageIO.write(new BufferedImage(DriverVideoReader.MAX_SIDE + 2, 16, BufferedImage.TYPE_3BYTE_BGR), "png",
                huge.toFile());
        Path speech = TestAssets.audio("speech_en_8s_16k_stereo.wav");
        Path out = work.resolve("bad-out/x.mp4");
        ModelRegistry models = TestAssets.models(work.resolve("cache"));
        try (RenderAvatar avatar = RenderAvatar.create(RenderSettings.defaults(), models)) {
            assertDriverFails(avatar, ErrorCode.UNREADABLE_VIDEO, corrupt, speech, out);
            assertDriverFails(avatar, ErrorCode.UNREADABLE_VIDEO, empty, speech, out);
            assertDriverFails(avatar, ErrorCode.UNREADABLE_VIDEO, speech, speech, out);
            assertDriverFails(avatar, ErrorCode.NO_FACE_DETECTED, TestAssets.face("cat_no_human_face.jpg"), speech, out);
            assertDriverFails(avatar, ErrorCode.IMAGE_TOO_LARGE, huge, speech, out);
            assertDriverFails(avatar, ErrorCode.INPUT_NOT_FOUND, dir.resolve("missing.mp4"), speech, out);
        }
        // The driver is 3.1 s: under a 2 s limit it is too long even for a short speech.
        Path second = dir.resolve("second.wav");
        writeTone(second, 1.0);
        try (RenderAvatar strict = RenderAvatar.create(RenderSettings.defaults().withMaxAudioSeconds(2), models)) {
            assertDriverFails(strict, ErrorCode.VIDEO_TOO_LONG, driver(), second, out);
        }
        try (var files = Files.list(out.getParent())) {
            assertEquals(List.of(), files.toList(), "no partial output may remain");
        } catch (NoSuchFileException e) {
            // Nothing was ever created: as good.
        }
    }

    private static void assertDriverFails(RenderAvatar avatar, ErrorCode expected, Path driver, Path speech, Path out) {
        AvatarException e = assertThrows(AvatarException.class, () -> avatar.apply(new RenderRequest(
                TestAssets.face("portrait_woman_256.png").toString(), speech.toString(), driver.toString(),
                out.toString(), 256, 256, FPS, 1L, null, null, "cpu-warp", null)));
        assertEquals(expected, e.code(), e.getMessage());
        if (expected != ErrorCode.INPUT_NOT_FOUND) {
            assertTrue(e.getMessage().contains("driver"), "the message names the driver: " + e.getMessage());
        }
        assertFalse(Files.exists(out));
    }

    private static void writeTone(Path target, double seconds) throws Exception {
        int rate = 16_000;
        byte[] pcm = new byte[(int) (seconds * rate) * 2];
        for (int i = 0; i < pcm.length / 2; i++) {
            short v = (short) (8000 * Math.sin(2 * Math.PI * 220 * i / rate));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        AudioFormat format = new AudioFormat(rate, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, target.toFile());
        }
    }

    private static Path driver() {
        return TestAssets.video("driver_head_motion_3s.mp4");
    }

    /** Yaw, pitch, roll of each frame relative to the first, from its face mesh. */
    private static double[][] poses(List<RgbImage> frames) {
        FaceLandmarks first = faces.locate(frames.get(0)).landmarks();
        MeshPose reference = new MeshPose(first);
        double[][] out = new double[frames.size()][];
        for (int i = 0; i < out.length; i++) {
            HeadPose p = reference.poseOf(faces.locate(frames.get(i)).landmarks());
            out[i] = new double[] {p.yaw(), p.pitch(), p.roll()};
        }
        return out;
    }

    private static int pingPong(int frame, int n) {
        int period = 2 * (n - 1);
        int m = frame % period;
        return m < n ? m : period - m;
    }

    private static double[] column(double[][] rows, int c) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][c];
        }
        return out;
    }

    private static double std(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double sum = 0;
        for (double v : values) {
            sum += (v - mean) * (v - mean);
        }
        return Math.sqrt(sum / values.length);
    }
}
