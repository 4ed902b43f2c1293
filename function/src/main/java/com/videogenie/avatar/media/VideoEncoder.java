package com.videogenie.avatar.media;

import com.videogenie.avatar.image.RgbImage;
import java.nio.file.Path;

/**
 * Encodes frames one at a time: into a video file with the source audio muxed in, or into live
 * fragments. Nothing of the video is kept in memory: each frame is encoded and may be reused by the
 * caller as soon as {@link #encode} returns.
 */
public interface VideoEncoder extends AutoCloseable {
    /** Opens a file encoder: {@code FfmpegVideoEncoder::open} in production, another in tests. */
    @FunctionalInterface
    interface Factory {
        VideoEncoder open(Path file, int width, int height, int fps, Path audioSource,
                          AudioDecoder.SourceFormat audioFormat, EncoderSettings settings);
    }

    void encode(RgbImage frame);

    /** Flushes the encoders and completes the output; after this it is playable. */
    void finish();

    /** The codec implementation in use, e.g. {@code libx264} or {@code h264_nvenc}. */
    String codec();

    /** Releases everything; an unfinished output is deleted. */
    @Override
    void close();
}
