package com.videogenie.avatar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.model.ModelManifest;
import com.videogenie.avatar.model.ModelRegistry;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code avatar render}: one video from one photo and one audio file. Progress goes to stderr; the
 * last line of stdout is the result (or the error) as one JSON object.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Render a talking-head MP4 from a photo and a speech recording.")
final class RenderCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--image", required = true, description = "Photo of the face: JPEG, PNG, WebP or BMP.")
    String image;

    @Option(names = "--audio", required = true, description = "Speech: WAV, MP3, AAC/M4A, OGG/Opus, FLAC.")
    String audio;

    @Option(names = "--out", description = "Output MP4 file or folder (default: a temporary folder).")
    String out;

    @Option(names = "--width", description = "Frame width, even (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + RenderRequest.DEFAULT_SIZE)
    int width;

    @Option(names = "--height", description = "Frame height, even (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + RenderRequest.DEFAULT_SIZE)
    int height;

    @Option(names = "--fps", description = "Frames per second (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + RenderRequest.DEFAULT_FPS)
    int fps;

    @Option(names = "--seed", description = "Seed for head motion and blinks (default: random, reported).")
    Long seed;

    @Option(names = "--renderer", description = "auto (default: a neural renderer where present and allowed,"
            + " else cpu-warp) or a renderer's name, such as cpu-warp.")
    String renderer;

    @Option(names = "--driver-video", description = "A video of a face whose head motion, blinks and brows the"
            + " avatar follows; the mouth still follows the speech.")
    String driverVideo;

    @Option(names = "--motion", description = "auto (default: the driver video when given, else idle), idle or"
            + " driver.")
    String motion;

    @Option(names = "--mouth", description = "auto (default: musetalk or, where non-commercial weights are allowed,"
            + " wav2lip, when mounted; else formant), formant (the CPU renderer's own), musetalk, wav2lip or diff2lip.")
    String mouth;

    @Option(names = "--enhance", description = "none (default) or an enhancer's name, such as gfpgan.")
    String enhance;

    @Option(names = "--diffusion-steps", description = "Diff2Lip's denoising steps, 1-"
            + RenderRequest.MAX_DIFFUSION_STEPS + " (default: " + RenderRequest.DEFAULT_DIFFUSION_STEPS + ").")
    Integer diffusionSteps;

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Map<String, String> env;

    RenderCommand(PrintStream stdout, PrintStream stderr, Map<String, String> env) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        try {
            RenderRequest request = new RenderRequest(image, audio, driverVideo, out, width, height, fps, seed, null,
                    null, renderer, motion, mouth, enhance, diffusionSteps);
            RenderSettings settings = RenderSettings.fromEnvironment(env);
            try (RenderAvatar renderAvatar = RenderAvatar.create(settings, new ModelRegistry(
                    ModelManifest.bundled(), env, stderr))) {
                TerminalProgress progress = new TerminalProgress(stderr);
                RenderResult result = renderAvatar.render(request, progress);
                progress.done();
                for (String warning : result.warnings()) {
                    stderr.println("warning: " + warning);
                }
                stdout.println(JSON.writeValueAsString(result));
                return 0;
            }
        } catch (AvatarException e) {
            return fail(e.code(), e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(ErrorCode.INVALID_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            return fail(ErrorCode.INTERNAL_ERROR, e.toString());
        }
    }

    private int fail(ErrorCode code, String message) {
        String forCli = withOptionNames(message);
        stderr.println();
        stderr.println("avatar: " + code + ": " + forCli);
        stdout.println(errorJson(code, forCli));
        return code.isCallerError() ? AvatarCli.EXIT_BAD_INPUT : AvatarCli.EXIT_INTERNAL;
    }

    /** The core names request fields; on the command line the user typed options. */
    static String withOptionNames(String message) {
        return message == null ? "" : message.replace("avatarUrl", "--image").replace("audioUrl", "--audio")
                .replace("outputUrl", "--out");
    }

    /** {@code {"error":{"code":...,"message":...}}} as one line. */
    static String errorJson(ErrorCode code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code.name());
        error.put("message", message);
        try {
            return JSON.writeValueAsString(Map.of("error", error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error as JSON", e);
        }
    }
}
