package com.videogenie.avatar.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.videogenie.avatar.Mp4Probe;
import com.videogenie.avatar.TestAssets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * End to end through the real launcher, {@code ./avatar render}, in a separate process: every shared
 * face with every shared speech recording, each output checked by decoding it back with FFmpeg.
 * Runs after packaging (failsafe), so the launcher finds its jar and does not build.
 */
class AvatarLauncherIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NO_HUMAN_FACE = "cat_no_human_face.jpg";
    private static final int FPS = 25;
    private static final double ONE_FRAME = 1.0 / FPS;
    private static final long RENDER_TIMEOUT_SECONDS = 180;

    @TempDir
    static Path cache;
    @TempDir
    Path outDir;
    @TempDir
    Path logs;

    static Stream<Arguments> everyFaceWithEverySpeech() throws IOException {
        List<Path> faces = listSorted(TestAssets.mirror().resolve("assets/faces")).stream()
                .filter(face -> !face.getFileName().toString().equals(NO_HUMAN_FACE))
                .toList();
        List<Path> speeches = listSorted(TestAssets.mirror().resolve("assets/audio"));
        return faces.stream().flatMap(face -> speeches.stream()
                .map(speech -> Arguments.of(face.getFileName().toString(), speech.getFileName().toString())));
    }

    @ParameterizedTest(name = "{index}: {0} + {1}")
    @MethodSource("everyFaceWithEverySpeech")
    void rendersPlayableH264AacVideoAsLongAsTheSpeech(String faceName, String speechName) throws Exception {
        Path face = TestAssets.face(faceName);
        Path speech = TestAssets.audio(speechName);
        Path out = outDir.resolve("talking.mp4");
        double speechSeconds = durationSeconds(speech);
        int expectedFrames = (int) Math.round(speechSeconds * FPS);

        Launch launch = launch("render", "--image", face.toString(), "--audio", speech.toString(),
                "--out", out.toString(), "--seed", "1");

        assertEquals(0, launch.exitCode(), launch.stderr());
        JsonNode result = JSON.readTree(launch.lastStdoutLine());
        assertEquals(out.toUri().toString(), result.path("outputUrl").asText());
        assertEquals(expectedFrames, result.path("frames").asInt(), "frames reported");
        assertEquals(List.of(out), listSorted(outDir), "only the video is left, no temporary file");

        Mp4Probe video = Mp4Probe.of(out);
        assertAll(
                () -> assertEquals("h264", video.videoCodec()),
                () -> assertEquals("aac", video.audioCodec()),
                () -> assertEquals(512, video.width()),
                () -> assertEquals(512, video.height()),
                () -> assertEquals(FPS, video.frameRate(), 1e-6),
                () -> assertEquals("yuv420p", video.pixelFormat()),
                () -> assertEquals(expectedFrames, video.decodedFrames(), "decodable frames = round(speech * fps)"),
                () -> assertEquals(video.containerFrames(), video.decodedFrames(), "every frame decodes"),
                () -> assertEquals(speechSeconds, video.durationSeconds(), ONE_FRAME,
                        "container duration within one frame of the speech"));
    }

    @Test
    void exitsWithBadInputAndWritesNothingForPhotoWithoutHumanFace() throws Exception {
        Path out = outDir.resolve("cat.mp4");

        Launch launch = launch("render", "--image", TestAssets.face(NO_HUMAN_FACE).toString(),
                "--audio", TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), "--out", out.toString());

        assertEquals(AvatarCli.EXIT_BAD_INPUT, launch.exitCode(), launch.stderr());
        assertEquals("NO_FACE_DETECTED", JSON.readTree(launch.lastStdoutLine()).path("error").path("code").asText());
        assertEquals(List.of(), listSorted(outDir), "no output and no temporary file");
    }

    /** Runs {@code ./avatar} from the repository root with the mirror's models and a private cache. */
    private Launch launch(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("./avatar");
        command.addAll(List.of(args));
        File stdout = logs.resolve("stdout.txt").toFile();
        File stderr = logs.resolve("stderr.txt").toFile();
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(TestAssets.repositoryRoot().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(stdout)
                .redirectError(stderr);
        builder.environment().putAll(TestAssets.environment(cache));
        // Settings of the developer's shell must not change what is tested.
        builder.environment().remove("AVATAR_MODELS_DIR");
        builder.environment().remove("AVATAR_MAX_AUDIO_SECONDS");
        builder.environment().remove("AVATAR_REBUILD");
        Process process = builder.start();
        if (!process.waitFor(RENDER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("./avatar did not finish within " + RENDER_TIMEOUT_SECONDS + " s: "
                    + Files.readString(stderr.toPath()));
        }
        return new Launch(process.exitValue(), Files.readString(stdout.toPath()), Files.readString(stderr.toPath()));
    }

    private static double durationSeconds(Path wav) throws IOException, UnsupportedAudioFileException {
        AudioFileFormat format = AudioSystem.getAudioFileFormat(wav.toFile());
        return format.getFrameLength() / (double) format.getFormat().getFrameRate();
    }

    private static List<Path> listSorted(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    /** What one launcher process produced. */
    private record Launch(int exitCode, String stdout, String stderr) {
        String lastStdoutLine() {
            List<String> lines = stdout.lines().filter(line -> !line.isBlank()).toList();
            if (lines.isEmpty()) {
                throw new AssertionError("nothing on stdout; stderr: " + stderr);
            }
            return lines.get(lines.size() - 1);
        }
    }
}
