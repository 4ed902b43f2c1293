package com.videogenie.avatar.http;

import com.videogenie.avatar.TestAssets;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;

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
