package com.videogenie.avatar.http;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/** The shared test assets and models: {@code $AVATAR_MIRROR}, else the {@code shared} folder beside the repository. */
final class SharedAssets {
    private SharedAssets() {
    }

    static Path mirror() {
        String configured = System.getenv("AVATAR_MIRROR");
        Path mirror = configured == null || configured.isBlank() ? Path.of("../../../shared") : Path.of(configured);
        if (!Files.isDirectory(mirror.resolve("assets")) || !Files.isDirectory(mirror.resolve("models"))) {
            throw new IllegalStateException("Test assets not found at " + mirror.toAbsolutePath()
                    + "; set AVATAR_MIRROR to the shared folder (models/ and assets/).");
        }
        return mirror.toAbsolutePath().normalize();
    }

    static Path face(String name) {
        return mirror().resolve("assets/faces").resolve(name);
    }

    static Path audio(String name) {
        return mirror().resolve("assets/audio").resolve(name);
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
