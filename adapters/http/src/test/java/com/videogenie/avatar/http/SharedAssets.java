package com.videogenie.avatar.http;

import com.videogenie.avatar.TestAssets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The shared test assets and models for the service tests (found by the core's {@link TestAssets}). */
final class SharedAssets {
    private SharedAssets() {
    }

    static Path mirror() {
        return TestAssets.mirror();
    }

    static Path face(String name) {
        return TestAssets.face(name);
    }

    static Path audio(String name) {
        return TestAssets.audio(name);
    }

    /**
     * The service's environment for a test: models and inputs from the mirror, work folders in a new
     * temporary folder, then {@code overrides}. Returns that folder.
     */
    static Path serviceEnvironment(DynamicPropertyRegistry properties, Map<String, String> overrides)
            throws IOException {
        Path work = Files.createTempDirectory("avatar-http-test");
        Map<String, String> env = new HashMap<>(Map.of(
                "AVATAR_MIRROR", mirror().toString(),
                "AVATAR_CACHE_DIR", work.resolve("cache").toString(),
                "AVATAR_ALLOWED_INPUT_DIRS", mirror().resolve("assets").toString(),
                "AVATAR_OUTPUT_DIR", work.resolve("out").toString(),
                "AVATAR_WORK_DIR", work.resolve("jobs").toString()));
        env.putAll(overrides);
        env.forEach((name, value) -> properties.add(name, () -> value));
        return work;
    }

    /** Frames in a video, counted by decoding it: a file that is not a playable H.264 MP4 fails here. */
    static int h264Frames(Path video) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            if (!"h264".equals(grabber.getVideoCodecName())) {
                throw new AssertionError("not H.264: " + grabber.getVideoCodecName());
            }
            int frames = 0;
            while (grabber.grabImage() != null) {
                frames++;
            }
            grabber.stop();
            return frames;
        }
    }
}
