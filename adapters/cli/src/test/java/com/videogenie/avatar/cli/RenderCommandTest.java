package com.videogenie.avatar.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.TestAssets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code avatar render}, run in-process: exit code, a stderr message naming the
 * problem, the result or the error as the last line of stdout, and nothing left at the output path
 * on failure.
 */
class RenderCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FACE = "portrait_woman_256.png";
    private static final String SPEECH_8S = "speech_en_8s_16k_stereo.wav";
    private static final String SPEECH_60S = "speech_en_60s_16k_mono.wav";

    @TempDir
    Path outDir;
    @TempDir
    Path inputs;
    @TempDir
    Path cache;

    @Test
    void rendersVideoAndPrintsResultAsLastStdoutLine() throws IOException {
        Path out = outDir.resolve("talking.mp4");

        Run run = render(Map.of(), "--image", face(FACE), "--audio", speech(SPEECH_8S), "--out", out.toString(),
                "--seed", "7");

        assertEquals(0, run.exitCode(), run.stderr());
        RenderResult result = JSON.readValue(run.lastStdoutLine(), RenderResult.class);
        assertAll(
                () -> assertEquals(512, result.width()),
                () -> assertEquals(512, result.height()),
                () -> assertEquals(25, result.fps()),
                () -> assertEquals(200, result.frames(), "8 s at 25 fps"),
                () -> assertEquals(8.0, result.durationSeconds(), 1e-9),
                () -> assertEquals(7, result.seed()),
                () -> assertTrue(List.of("libx264", "h264_nvenc").contains(result.encoder()), result.encoder()),
                () -> assertEquals("cpu-warp", result.renderer()),
                () -> assertEquals(out.toUri().toString(), result.outputUrl()),
                () -> assertTrue(result.timings().containsKey("frames"), result.timings().toString()));
        assertTrue(Files.size(out) > 0, "the video file is written");
        assertEquals(List.of(out), listFolder(), "only the video is left, no temporary file");
    }

    @Test
    void rejectsPhotoWithoutHumanFace() {
        Run run = renderTo(face("cat_no_human_face.jpg"), speech(SPEECH_8S));

        assertRejected(run, ErrorCode.NO_FACE_DETECTED, "human face");
    }

    @Test
    void rejectsImageFileThatIsNotAPicture() throws IOException {
        Path image = Files.writeString(inputs.resolve("x.jpg"), "this is text, not a JPEG\n");

        Run run = renderTo(image.toString(), speech(SPEECH_8S));

        assertRejected(run, ErrorCode.UNREADABLE_IMAGE, "x.jpg");
    }

    @Test
    void rejectsAudioFileThatCannotBeDecoded() throws IOException {
        byte[] noise = new byte[16 * 1024];
        new Random(42).nextBytes(noise);
        Path audio = Files.write(inputs.resolve("x.wav"), noise);

        Run run = renderTo(face(FACE), audio.toString());

        assertRejected(run, ErrorCode.UNREADABLE_AUDIO, "x.wav");
    }

    @Test
    void rejectsWavWithoutSamples() throws IOException {
        Path audio = Files.write(inputs.resolve("empty.wav"), emptyWav());
        assertEquals(44, Files.size(audio), "a bare canonical header");

        Run run = renderTo(face(FACE), audio.toString());

        assertRejected(run, ErrorCode.EMPTY_AUDIO, "empty.wav");
    }

    @Test
    void rejectsMissingImageFile() {
        Run run = renderTo(inputs.resolve("absent-photo.jpg").toString(), speech(SPEECH_8S));

        assertRejected(run, ErrorCode.INPUT_NOT_FOUND, "absent-photo.jpg");
    }

    @Test
    void rejectsMissingAudioFile() {
        Run run = renderTo(face(FACE), inputs.resolve("absent-speech.wav").toString());

        assertRejected(run, ErrorCode.INPUT_NOT_FOUND, "absent-speech.wav");
        assertTrue(run.stderr().contains("--audio"), "the message names the option the user typed: " + run.stderr());
    }

    @Test
    void rejectsAudioLongerThanConfiguredCap() {
        Run run = render(Map.of("AVATAR_MAX_AUDIO_SECONDS", "2"), "--image", face(FACE), "--audio", speech(SPEECH_8S),
                "--out", outDir.resolve("out.mp4").toString());

        assertRejected(run, ErrorCode.AUDIO_TOO_LONG, "2.0 s");
    }

    @Test
    void rejectsOddWidth() {
        Run run = render(Map.of(), "--image", face(FACE), "--audio", speech(SPEECH_8S),
                "--out", outDir.resolve("out.mp4").toString(), "--width", "511");

        assertRejected(run, ErrorCode.INVALID_REQUEST, "511");
    }

    @Test
    void interruptedRenderRemovesItsPartialFile() throws Exception {
        Path out = outDir.resolve("long.mp4");
        AtomicReference<Run> finished = new AtomicReference<>();
        Thread worker = new Thread(() -> finished.set(render(Map.of(), "--image", face(FACE),
                "--audio", speech(SPEECH_60S), "--out", out.toString())));
        worker.start();

        Path partial = awaitFile(name -> name.startsWith(".long.mp4.") && name.endsWith(".partial"), worker, finished);
        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(30));

        assertFalse(worker.isAlive(), "the render stops when interrupted");
        Run run = finished.get();
        assertNotEquals(0, run.exitCode(), run.stderr());
        assertEquals(ErrorCode.CANCELLED.name(), readJson(run.lastStdoutLine()).path("error").path("code").asText());
        assertFalse(Files.exists(partial), partial.toString());
        assertEquals(List.of(), listFolder(), "no output and no temporary file is left behind");
    }

    @Test
    void printsUsageWhenRequiredOptionIsMissing() {
        Run run = render(Map.of(), "--image", face(FACE), "--out", outDir.resolve("out.mp4").toString());

        assertEquals(AvatarCli.EXIT_BAD_INPUT, run.exitCode());
        assertTrue(run.stderr().contains("Missing required option") && run.stderr().contains("--audio"), run.stderr());
        assertTrue(run.stderr().contains("Usage: avatar render"), run.stderr());
        assertEquals("INVALID_REQUEST", readJson(run.lastStdoutLine()).path("error").path("code").asText(), run.stdout());
        assertEquals(List.of(), listFolder());
    }

    private void assertRejected(Run run, ErrorCode code, String problem) {
        assertEquals(AvatarCli.EXIT_BAD_INPUT, run.exitCode(), run.stderr());
        assertTrue(run.stderr().contains("avatar: " + code.name() + ": "), run.stderr());
        assertTrue(run.stderr().contains(problem), "stderr names the problem (" + problem + "): " + run.stderr());
        JsonNode error = readJson(run.lastStdoutLine()).path("error");
        assertEquals(code.name(), error.path("code").asText(), run.stdout());
        assertFalse(error.path("message").asText().isBlank(), run.stdout());
        assertTrue(run.stderr().contains(error.path("message").asText()), "stderr repeats the message");
        assertEquals(List.of(), listFolder(), "no output and no temporary file is left behind");
    }

    /** Polls the output folder until a file whose name matches appears, while the render is still running. */
    private Path awaitFile(Predicate<String> name, Thread worker, AtomicReference<Run> finished)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && worker.isAlive()) {
            for (Path file : listFolder()) {
                if (name.test(file.getFileName().toString())) {
                    return file;
                }
            }
            Thread.sleep(5);
        }
        worker.interrupt();
        worker.join();
        throw new AssertionError("no matching file appeared in " + outDir + " while rendering; " + finished.get());
    }

    private Run renderTo(String image, String audio) {
        return render(Map.of(), "--image", image, "--audio", audio, "--out", outDir.resolve("out.mp4").toString());
    }

    private Run render(Map<String, String> extraEnv, String... args) {
        Map<String, String> env = TestAssets.environment(cache);
        env.putAll(extraEnv);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] command = Stream.concat(Stream.of("render"), Stream.of(args)).toArray(String[]::new);
        int exitCode = AvatarCli.run(command, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private List<Path> listFolder() {
        try (Stream<Path> files = Files.list(outDir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("the last stdout line is not JSON: " + line, e);
        }
    }

    private static String face(String name) {
        return TestAssets.face(name).toString();
    }

    private static String speech(String name) {
        return TestAssets.audio(name).toString();
    }

    /** A canonical 44-byte PCM WAV header (16 kHz, mono, 16-bit) announcing zero samples. */
    private static byte[] emptyWav() {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        header.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16);
        header.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0);
        return header.array();
    }

    /** What one command line produced. */
    private record Run(int exitCode, String stdout, String stderr) {
        String lastStdoutLine() {
            List<String> lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            if (lines.isEmpty()) {
                throw new AssertionError("nothing on stdout; stderr: " + stderr);
            }
            return lines.get(lines.size() - 1);
        }
    }
}
