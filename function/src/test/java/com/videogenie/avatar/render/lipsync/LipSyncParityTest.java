package com.videogenie.avatar.render.lipsync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.VideoFrames;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.media.AudioDecoder;
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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java Wav2Lip and Diff2Lip paths against an independent Python reference
 * (src/test/python/lipsync_reference.py) on the stand-in networks, with real speech and real
 * footage: the mel spectrogram (within 1e-3), each frame's mel chunk, Diff2Lip's step spacing for
 * 1-100 steps, and whole frames after crop, network (Diff2Lip: 3 DDIM steps) and feathered paste-back,
 * in batches of 3 against the reference's one frame at a time (within 1 level on average).
 */
class LipSyncParityTest {
    private static final int FPS = 25;
    private static final int BATCH = 3;
    /** Frame 0 and 1 read the padding before the speech; the others are spread over the clip. */
    private static final int[] FRAMES = {0, 1, 2, 47, 120, 181};

    @TempDir
    static Path work;
    private static float[] speech;
    private static List<RgbImage> footage;
    private static Path standIns;

    @BeforeAll
    static void load() throws Exception {
        standIns = StandInNetworks.lipSync();
        float[] whole = AudioDecoder.decode(TestAssets.audio("speech_en_8s_16k_stereo.wav"), AudioWindow.SAMPLE_RATE, 60)
                .clip().samples();
        // Starting on the voice, so the first frames' columns read the padding (reflection or silence) of loud sound.
        int voice = 0;
        while (Math.abs(whole[voice]) < 0.05f) {
            voice++;
        }
        speech = java.util.Arrays.copyOfRange(whole, voice, whole.length);
        footage = VideoFrames.decode(TestAssets.video("real_talking_woman_8s.mp4")).frames();
    }

    @Test
    void wav2lipMatchesTheReference() throws Exception {
        try (TorchScriptModel model = load("wav2lip.pt")) {
            Run run = check("wav2lip", new Wav2LipNetwork(model, BATCH, FPS), 0, model, standIns.resolve("wav2lip.pt"));
            checkMel(run, MelTiming.WAV2LIP, true);
        }
    }

    @Test
    void museTalkMatchesTheReferenceInFeaturesAndOneUnetPass() throws Exception {
        try (TorchScriptModel whisper = load("musetalk_whisper.pt");
             TorchScriptModel encoder = load("musetalk_vae_encoder.pt");
             TorchScriptModel unet = load("musetalk_unet.pt");
             TorchScriptModel decoder = load("musetalk_vae_decoder.pt")) {
            WhisperChunks chunks = new WhisperChunks(whisper, speech, FPS);
            Run run = check("musetalk", new MuseTalkNetwork(encoder, unet, decoder, chunks, BATCH), 0, unet, standIns);
            assertEquals(1, whisper.callsRun(), "whisper's encoder once for the 8 s (one 30 s segment)");
            assertEquals(FRAMES.length / BATCH, encoder.callsRun(), "the VAE encoder once a batch (masked and whole)");
            float[] reference = readFloats(run.folder().resolve("whisper_mel.f32"));
            float[] ours = new WhisperMel().segment(speech, 0);
            assertEquals(reference.length, ours.length);
            double melWorst = 0;
            for (int i = 0; i < ours.length; i++) {
                melWorst = Math.max(melWorst, Math.abs(reference[i] - ours[i]));
            }
            assertTrue(melWorst <= 1e-3, "whisper log-mel differs by " + melWorst);
            float[] features = readFloats(run.folder().resolve("features.f32"));
            int size = chunks.size();
            double featureWorst = 0;
            for (int k = 0; k < FRAMES.length; k++) {
                for (int i = 0; i < size; i++) {
                    featureWorst = Math.max(featureWorst, Math.abs(features[k * size + i] - run.chunks().get(k)[i]));
                }
            }
            assertTrue(featureWorst <= 1e-3, "whisper features differ by " + featureWorst);
            System.out.printf("musetalk parity: whisper mel max %.2e, features max %.2e%n", melWorst, featureWorst);
        }
    }

    @Test
    void diff2lipMatchesTheReferenceOverThreeSteps() throws Exception {
        try (TorchScriptModel model = load("diff2lip.pt")) {
            Diff2LipSampler sampler = new Diff2LipSampler(model, BATCH, 3, 7L, FPS);
            Run run = check("diff2lip", sampler, 3, model, standIns.resolve("diff2lip.pt"));
            checkMel(run, MelTiming.DIFF2LIP, false);
            List<String> schedule = Files.readAllLines(work.resolve("diff2lip/schedule.txt"));
            for (int steps = 1; steps <= 100; steps++) {
                int[] expected = java.util.Arrays.stream(schedule.get(steps - 1).trim().split(" "))
                        .mapToInt(Integer::parseInt).toArray();
                assertArrayEquals(expected, DdimSchedule.spaced(steps), steps + " steps");
            }
        }
    }

    private static TorchScriptModel load(String file) {
        return TorchScriptModel.load(file, standIns.resolve(file), new NeuralSettings(standIns, true, BATCH, "cpu"));
    }

    /** A folder the reference has answered in, and our audio features per test frame. */
    private record Run(Path folder, List<float[]> chunks) {
    }

    private static Run check(String name, LipSyncNetwork network, int steps, TorchScriptModel model, Path networkArg)
            throws Exception {
        Path folder = Files.createDirectories(work.resolve(name));
        Files.writeString(folder.resolve("config.txt"), name + " " + FPS + " " + steps + "\n");
        writeFloats(folder.resolve("speech.f32"), speech);
        if (network instanceof Diff2LipSampler sampler) {
            writeFloats(folder.resolve("noise.f32"), sampler.noise());
        }
        LipSyncNetwork.Geometry geometry = network.geometry();
        RgbImage first = footage.get(0);
        int width = first.width();
        int height = first.height();
        List<RgbImage> outputs = new ArrayList<>();
        List<FaceBox> boxes = new ArrayList<>();
        List<float[]> chunks = new ArrayList<>();
        StringBuilder frameLines = new StringBuilder();
        long callsBefore = model.callsRun();
        int held = network instanceof Diff2LipSampler sampler ? sampler.heldArrays() : 0;
        try (LipSyncPass pass = new LipSyncPass(network, width, height)) {
            FrameBatch batch = new FrameBatch(BATCH, width, height, pass.audioSpan());
            for (int start = 0; start < FRAMES.length; start += BATCH) {
                batch.clear();
                for (int k = start; k < start + BATCH; k++) {
                    int index = FRAMES[k];
                    int slot = batch.add(new FrameMotion(index, HeadPose.NEUTRAL, MouthPose.REST, 0));
                    batch.audio(slot).fill(speech, index, FPS);
                    RgbImage frame = footage.get(index);
                    Ppm.write(folder.resolve(String.format("frame_%03d.ppm", k)), frame);
                    batch.image(slot).copyFrom(frame);
                    // A box around the face of this footage (the renderer reports the mesh's; any box will do here).
                    float[] xs = {width * 0.30f, width * 0.70f};
                    float[] ys = {height * 0.18f, height * 0.62f};
                    batch.face(slot).setBox(xs, ys, 2, 0);
                    batch.face(slot).setPoint(FaceRegion.NOSE, width * 0.5f, height * 0.42f);
                    FaceBox box = FaceBox.of(batch.face(slot), geometry, width, height);
                    boxes.add(box);
                    frameLines.append(index).append(' ').append(box.x1()).append(' ').append(box.y1()).append(' ')
                            .append(box.x2()).append(' ').append(box.y2()).append('\n');
                    float[] chunk = new float[network.audio().size()];
                    network.audio().features(batch.audio(slot), index, chunk, 0);
                    chunks.add(chunk);
                }
                pass.enhance(batch);
                for (int slot = 0; slot < batch.size(); slot++) {
                    outputs.add(batch.image(slot).copy());
                }
            }
            if (network instanceof Diff2LipSampler sampler) {
                assertEquals(held, sampler.heldArrays(), "a batch's arrays are freed with the batch");
            }
        }
        int calls = (int) (model.callsRun() - callsBefore);
        assertEquals((FRAMES.length / BATCH) * Math.max(1, steps), calls, "network calls: batches x steps");
        Files.writeString(folder.resolve("frames.txt"), frameLines);
        StandInNetworks.run(List.of(TestAssets.repositoryRoot().resolve("function/src/test/python/lipsync_reference.py")
                .toString(), folder.toString(), networkArg.toString()));
        double meanWorst = 0;
        double maxWorst = 0;
        for (int k = 0; k < FRAMES.length; k++) {
            RgbImage expected = Ppm.read(folder.resolve(String.format("out_%03d.ppm", k)));
            FrameDifference error = FrameDifference.of(outputs.get(k), expected);
            meanWorst = Math.max(meanWorst, error.mean());
            maxWorst = Math.max(maxWorst, error.largest());
            assertTrue(error.mean() <= 1.0, name + " frame " + k + ": mean difference " + error.mean());
            assertTrue(error.largest() <= 3.0, name + " frame " + k + ": largest difference " + error.largest());
            // Not a vacuous match: the lower face was redrawn, and nothing outside the box was touched.
            RgbImage input = footage.get(FRAMES[k]);
            assertTrue(FrameDifference.of(outputs.get(k), input).largest() > 20, name + " frame " + k + ": nothing redrawn");
            assertEquals(0, outsideBoxDifference(outputs.get(k), input, boxes.get(k)), "pixels outside the box changed");
        }
        System.out.printf("%s parity: frames mean %.4f, max %.0f levels%n", name, meanWorst, maxWorst);
        return new Run(folder, chunks);
    }

    /** The mel spectrogram within 1e-3 of the reference's, and each frame's first column the reference's. */
    private static void checkMel(Run run, MelTiming timing, boolean reflect) throws IOException {
        Path folder = run.folder();
        List<float[]> chunks = run.chunks();
        float[] reference = readFloats(folder.resolve("mel.f32"));
        int total = reference.length / MelSpectrogram.BANDS;
        assertEquals(1 + speech.length / MelSpectrogram.HOP, total, "columns: 1 + samples / hop");
        checkChunkStarts(folder, timing);
        // Reflect padding at the end of the speech (Wav2Lip) is where a stream cannot follow: the last two columns.
        int usable = reflect ? total - 2 : total;
        double melWorst = 0;
        for (int k = 0; k < FRAMES.length; k++) {
            long firstColumn = timing.firstColumn(FRAMES[k], FPS);
            assertTrue(firstColumn + MelTiming.COLUMNS <= usable, "frame " + FRAMES[k] + " is inside the speech");
            for (int band = 0; band < MelSpectrogram.BANDS; band++) {
                for (int c = 0; c < MelTiming.COLUMNS; c++) {
                    double expected = reference[band * total + (int) firstColumn + c];
                    double ours = chunks.get(k)[band * MelTiming.COLUMNS + c];
                    melWorst = Math.max(melWorst, Math.abs(expected - ours));
                }
            }
        }
        assertTrue(melWorst <= 1e-3, "mel differs by " + melWorst);
        System.out.printf("%s mel parity: max %.2e%n", timing, melWorst);
    }

    /** Our first mel column per frame is the reference's (but for Wav2Lip's last, which takes the final 16). */
    private static void checkChunkStarts(Path folder, MelTiming timing) throws IOException {
        List<String> starts = Files.readAllLines(folder.resolve("chunks.txt"));
        int compared = timing == MelTiming.WAV2LIP ? starts.size() - 1 : starts.size();
        assertTrue(compared > 150, "the reference gave chunks for the whole clip: " + starts.size());
        for (int frame = 0; frame < compared; frame++) {
            assertEquals(Long.parseLong(starts.get(frame).trim()), timing.firstColumn(frame, FPS),
                    "first mel column of frame " + frame);
        }
    }

    private static int outsideBoxDifference(RgbImage a, RgbImage b, FaceBox box) {
        int worst = 0;
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                if (x >= box.x1() && x < box.x2() && y >= box.y1() && y < box.y2()) {
                    continue;
                }
                int at = (y * a.width() + x) * 3;
                for (int c = 0; c < 3; c++) {
                    worst = Math.max(worst, Math.abs((a.bgr()[at + c] & 0xff) - (b.bgr()[at + c] & 0xff)));
                }
            }
        }
        return worst;
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        Files.write(file, buffer.array());
    }

    private static float[] readFloats(Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[buffer.remaining() / 4];
        buffer.asFloatBuffer().get(values);
        return values;
    }
}
