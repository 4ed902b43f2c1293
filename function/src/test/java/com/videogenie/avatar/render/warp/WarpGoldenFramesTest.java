package com.videogenie.avatar.render.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.face.OnnxFaceDetector;
import com.videogenie.avatar.face.OnnxFaceMesh;
import com.videogenie.avatar.media.PhotoLoader;
import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.motion.MotionPlanner;
import com.videogenie.avatar.render.FrameBatch;
import com.videogenie.avatar.render.FrameRenderer;
import com.videogenie.avatar.render.Portrait;
import com.videogenie.avatar.render.PortraitFraming;
import com.videogenie.avatar.speech.AudioClip;
import com.videogenie.avatar.speech.FormantMouthAnimator;
import com.videogenie.avatar.speech.MouthTrack;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Test;

/**
 * The warp renderer's pixels, frame for frame, against SHA-256 hashes of frames rendered before the
 * render seam was opened (issue 16): the same photo, mesh, speech and seed must give the same bytes.
 * The face meshes are stored beside the hashes, so the check depends on the renderer alone, not on
 * the ONNX runtime's arithmetic on this CPU. A change meant to alter the pixels regenerates both with
 * {@link #main} and says so in its commit.
 */
class WarpGoldenFramesTest {
    private static final String HASHES = "/golden/warp-frames.sha256";
    private static final int FPS = 25;
    private static final long SEED = 11;
    /** Every fourth frame of the 8 s speech: openings, closures, blinks and head turns all occur. */
    private static final int STEP = 4;

    /** Faces and output sizes: a portrait, a painting, a black-and-white photo, square and not. */
    private static final List<Case> CASES = List.of(
            new Case("portrait_woman_474.png", 256, 256),
            new Case("portrait_art_2.png", 320, 240),
            new Case("photo_man_bw_375x500.jpg", 192, 256));

    record Case(String face, int width, int height) {
        String meshResource() {
            return "/golden/" + face + ".mesh";
        }
    }

    @Test
    void rendersTheSameBytesAsBeforeTheSeam() throws Exception {
        Map<String, String> expected = readHashes();
        Map<Case, FaceLandmarks> meshes = new LinkedHashMap<>();
        for (Case c : CASES) {
            meshes.put(c, readMesh(c));
        }
        Map<String, String> actual = renderHashes(meshes);
        assertEquals(expected.size(), actual.size(), "frames compared");
        for (Map.Entry<String, String> frame : expected.entrySet()) {
            assertEquals(frame.getValue(), actual.get(frame.getKey()), "frame " + frame.getKey() + " changed");
        }
    }

    private static Map<String, String> renderHashes(Map<Case, FaceLandmarks> meshes) throws Exception {
        MouthTrack mouth = speechMouth();
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Case c : CASES) {
            Portrait portrait = PortraitFraming.frame(PhotoLoader.load(TestAssets.face(c.face())),
                    meshes.get(c), c.width(), c.height());
            MotionPlanner motion = new MotionPlanner(mouth, SEED, FPS);
            try (FrameRenderer renderer = new WarpBackend().prepare(portrait)) {
                FrameBatch batch = new FrameBatch(1, c.width(), c.height(), renderer.audioSpan());
                for (int frame = 0; frame < motion.frameCount(); frame++) {
                    batch.clear();
                    batch.add(motion.motion(frame));
                    renderer.render(batch);
                    if (frame % STEP == 0) {
                        hashes.put(c.face() + "#" + frame, sha256(batch.image(0).bgr()));
                    }
                }
            }
        }
        return hashes;
    }

    /** The English speech's mouth, read without FFmpeg (its 16 kHz WAV averaged to mono in Java). */
    private static MouthTrack speechMouth() throws IOException, UnsupportedAudioFileException {
        Path wav = TestAssets.audio("speech_en_8s_16k_stereo.wav");
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat format = in.getFormat();
            byte[] bytes = in.readAllBytes();
            int channels = format.getChannels();
            int frames = bytes.length / (2 * channels);
            float[] samples = new float[frames];
            for (int i = 0; i < frames; i++) {
                float sum = 0;
                for (int ch = 0; ch < channels; ch++) {
                    int at = 2 * (i * channels + ch);
                    sum += (short) ((bytes[at + 1] << 8) | (bytes[at] & 0xff)) / 32768f;
                }
                samples[i] = sum / channels;
            }
            AudioClip clip = new AudioClip(samples, (int) format.getSampleRate());
            return new FormantMouthAnimator().animate(clip, FPS, clip.frameCount(FPS));
        }
    }

    private static FaceLandmarks readMesh(Case c) throws IOException {
        try (InputStream in = WarpGoldenFramesTest.class.getResourceAsStream(c.meshResource())) {
            String[] words = new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim().split("\\s+");
            float[] xyz = new float[words.length];
            for (int i = 0; i < xyz.length; i++) {
                xyz[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(words[i], 16));
            }
            return new FaceLandmarks(xyz);
        }
    }

    private static Map<String, String> readHashes() throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        try (InputStream in = WarpGoldenFramesTest.class.getResourceAsStream(HASHES)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!line.isBlank()) {
                    String[] parts = line.trim().split(" ");
                    hashes.put(parts[1], parts[0]);
                }
            }
        }
        return hashes;
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /**
     * Regenerates the meshes (with the project's face models) and the hashes into
     * {@code src/test/resources/golden}; run from the {@code function} folder on the test classpath.
     */
    public static void main(String[] args) throws Exception {
        Path folder = Path.of("src/test/resources/golden");
        Files.createDirectories(folder);
        ModelRegistry models = TestAssets.models(Files.createTempDirectory("golden-models"));
        Map<Case, FaceLandmarks> meshes = new LinkedHashMap<>();
        try (OnnxFaceDetector detector = new OnnxFaceDetector(models.resolve("face_detector_short"),
                models.resolve("face_detector_full"));
             OnnxFaceMesh mesh = new OnnxFaceMesh(models.resolve("face_mesh"))) {
            FaceLocator locator = new FaceLocator(detector, mesh);
            for (Case c : CASES) {
                FaceLandmarks landmarks = locator.locate(PhotoLoader.load(TestAssets.face(c.face()))).landmarks();
                meshes.put(c, landmarks);
                float[] xyz = landmarks.toArray();
                List<String> words = new ArrayList<>();
                for (float value : xyz) {
                    words.add(Integer.toHexString(Float.floatToRawIntBits(value)));
                }
                Files.writeString(folder.resolve(c.face() + ".mesh"), String.join(" ", words) + "\n");
            }
        }
        StringBuilder lines = new StringBuilder();
        renderHashes(meshes).forEach((frame, hash) -> lines.append(hash).append(' ').append(frame).append('\n'));
        Files.writeString(folder.resolve("warp-frames.sha256"), lines);
    }
}
