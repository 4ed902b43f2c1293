package com.videogenie.avatar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.face.OnnxFaceDetector;
import com.videogenie.avatar.face.OnnxFaceMesh;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.model.ModelRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole function on the shared assets: motion that a viewer sees, determinism, and failures. */
class RenderAvatarTest {
    @TempDir
    static Path work;
    private static RenderAvatar render;
    private static FaceLocator faces;
    private static OnnxFaceDetector detector;
    private static OnnxFaceMesh mesh;

    @BeforeAll
    static void loadModels() {
        ModelRegistry models = TestAssets.models(work.resolve("cache"));
        render = RenderAvatar.create(RenderSettings.defaults().withMaxAudioSeconds(20), models);
        detector = new OnnxFaceDetector(models.resolve("face_detector_short"), models.resolve("face_detector_full"));
        mesh = new OnnxFaceMesh(models.resolve("face_mesh"));
        faces = new FaceLocator(detector, mesh);
    }

    @AfterAll
    static void close() {
        render.close();
        detector.close();
        mesh.close();
    }

    private static RenderResult renderSpeech(String name, long seed) {
        return render.apply(new RenderRequest(TestAssets.face("portrait_woman_474.png").toString(),
                TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), null,
                work.resolve(name).toString(), 512, 512, 25, seed, null, null));
    }

    private static List<String> frameHashes(Path video) throws Exception {
        List<String> hashes = new ArrayList<>();
        for (RgbImage frame : VideoFrames.decode(video).frames()) {
            hashes.add(Arrays.toString(MessageDigest.getInstance("SHA-256").digest(frame.bgr())));
        }
        return hashes;
    }

    @Test
    void sameSeedRendersTheSameVideoAndOtherSeedsDiffer() throws Exception {
        RenderResult first = renderSpeech("seed1a.mp4", 1);
        RenderResult again = renderSpeech("seed1b.mp4", 1);
        RenderResult other = renderSpeech("seed2.mp4", 2);
        assertEquals(1, first.seed());
        assertEquals(frameHashes(Path.of(java.net.URI.create(first.outputUrl()))),
                frameHashes(Path.of(java.net.URI.create(again.outputUrl()))));
        assertFalse(frameHashes(Path.of(java.net.URI.create(first.outputUrl())))
                .equals(frameHashes(Path.of(java.net.URI.create(other.outputUrl())))));
    }

    @Test
    void headMovesAndEyesBlinkVisibly() throws Exception {
        RenderResult result = renderSpeech("motion.mp4", 5);
        List<RgbImage> frames = VideoFrames.decode(Path.of(java.net.URI.create(result.outputUrl()))).frames();
        double[] noseX = new double[frames.size()];
        double[] noseY = new double[frames.size()];
        double[] eyes = new double[frames.size()];
        for (int i = 0; i < frames.size(); i++) {
            var landmarks = faces.locate(frames.get(i)).landmarks();
            noseX[i] = landmarks.x(MeshRegions.NOSE_TIP);
            noseY[i] = landmarks.y(MeshRegions.NOSE_TIP);
            eyes[i] = darkEyePixels(frames.get(i), landmarks);
        }
        double travel = range(noseX) + range(noseY);
        double[] sortedEyes = eyes.clone();
        Arrays.sort(sortedEyes);
        double median = sortedEyes[sortedEyes.length / 2];
        // A closed lid covers the dark iris with skin, leaving the lash line.
        long closedFrames = Arrays.stream(eyes).filter(e -> e < 0.7 * median).count();
        System.out.printf("motion: nose travel %.1f px, dark eye pixels median %.0f min %.0f, %d closed frames%n",
                travel, median, sortedEyes[0], closedFrames);
        assertTrue(travel > 4, "the head should move visibly, nose travelled " + travel + " px");
        assertTrue(closedFrames >= 1, "at least one blink in 8 s should close the eyes");
        assertTrue(closedFrames < frames.size() / 10, "eyes should be open most of the time");
    }

    @Test
    void reportsWhatItRendered() {
        RenderResult result = renderSpeech("result.mp4", 9);
        assertEquals(200, result.frames());
        assertEquals(8.0, result.durationSeconds(), 0.04);
        assertEquals("cpu-warp", result.renderer());
        assertTrue(result.encoder().equals("libx264") || result.encoder().equals("h264_nvenc"));
        assertTrue(result.timings().keySet().containsAll(List.of("decode", "face", "speech", "frames", "total")));
    }

    @Test
    void catPhotoFailsWithNoFaceAndLeavesNoFile() {
        Path out = work.resolve("cat/out.mp4");
        AvatarException e = assertThrows(AvatarException.class, () -> render.apply(new RenderRequest(
                TestAssets.face("cat_no_human_face.jpg").toString(),
                TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), null, out.toString(), null, null, null,
                null, null, null)));
        assertEquals(ErrorCode.NO_FACE_DETECTED, e.code());
        assertNothingIn(out.getParent());
    }

    @Test
    void damagedInputsFailWithTheirOwnCodes() throws Exception {
        Path dir = Files.createDirectories(work.resolve("bad"));
        Path text = Files.writeString(dir.resolve("photo.jpg"), "not an image");
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Path corrupt = Files.write(dir.resolve("noise.wav"), noise);
        Path empty = Files.write(dir.resolve("empty.wav"), emptyWav());
        String face = TestAssets.face("portrait_woman_256.png").toString();
        String speech = TestAssets.audio("speech_en_8s_16k_stereo.wav").toString();
        Path out = work.resolve("bad-out/x.mp4");
        assertCode(ErrorCode.UNREADABLE_IMAGE, text.toString(), speech, out);
        assertCode(ErrorCode.UNREADABLE_AUDIO, face, corrupt.toString(), out);
        assertCode(ErrorCode.EMPTY_AUDIO, face, empty.toString(), out);
        assertCode(ErrorCode.INPUT_NOT_FOUND, dir.resolve("missing.png").toString(), speech, out);
        assertCode(ErrorCode.AUDIO_TOO_LONG, face, TestAssets.audio("speech_en_60s_16k_mono.wav").toString(), out);
        assertNothingIn(out.getParent());
    }

    @Test
    void interruptCancelsPromptlyAndLeavesNoFile() throws Exception {
        Path out = work.resolve("cancel/out.mp4");
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch rendering = new java.util.concurrent.CountDownLatch(1);
        Thread worker = new Thread(() -> {
            try {
                render.render(RenderRequest.of(TestAssets.face("portrait_woman_474.png").toString(),
                        TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), out.toString()),
                        (done, total) -> rendering.countDown());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        worker.start();
        assertTrue(rendering.await(30, java.util.concurrent.TimeUnit.SECONDS), "rendering never started");
        long start = System.nanoTime();
        worker.interrupt();
        worker.join(5_000);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertFalse(worker.isAlive(), "the render did not stop");
        assertTrue(seconds < 1.0, "cancelling took " + seconds + " s");
        assertTrue(failure.get() instanceof AvatarException e && e.code() == ErrorCode.CANCELLED, String.valueOf(failure.get()));
        assertNothingIn(out.getParent());
    }

    private static void assertCode(ErrorCode expected, String image, String audio, Path out) {
        AvatarException e = assertThrows(AvatarException.class,
                () -> render.apply(RenderRequest.of(image, audio, out.toString())));
        assertEquals(expected, e.code(), e.getMessage());
        assertFalse(e.getMessage().isBlank());
        assertFalse(Files.exists(out));
    }

    private static void assertNothingIn(Path dir) {
        if (Files.exists(dir)) {
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "no partial output may remain");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A valid 16 kHz mono 16-bit WAV header with no samples. */
    private static byte[] emptyWav() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(16_000).putInt(32_000).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(0);
        return b.array();
    }

    /**
     * Dark pixels (iris, pupil, lashes) around both eyes, in a box twice the height of the fitted
     * eye contour: an open eye shows the whole dark iris, a closed one only the lash line.
     */
    private static double darkEyePixels(RgbImage frame, com.videogenie.avatar.face.FaceLandmarks face) {
        int dark = 0;
        for (int[][] eye : new int[][][] {{MeshRegions.LEFT_EYE_UPPER, MeshRegions.LEFT_EYE_LOWER},
            {MeshRegions.RIGHT_EYE_UPPER, MeshRegions.RIGHT_EYE_LOWER}}) {
            double minX = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (int[] contour : eye) {
                for (int i : contour) {
                    minX = Math.min(minX, face.x(i));
                    maxX = Math.max(maxX, face.x(i));
                    minY = Math.min(minY, face.y(i));
                    maxY = Math.max(maxY, face.y(i));
                }
            }
            double pad = (maxY - minY) / 2;
            for (int y = (int) (minY - pad); y <= (int) (maxY + pad); y++) {
                for (int x = (int) minX; x <= (int) maxX; x++) {
                    dark += frame.luma(x, y) < 70 ? 1 : 0;
                }
            }
        }
        return dark;
    }

    private static double range(double[] values) {
        return Arrays.stream(values).max().orElseThrow() - Arrays.stream(values).min().orElseThrow();
    }
}
