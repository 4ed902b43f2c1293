package com.videogenie.avatar.media;

import com.videogenie.avatar.image.RgbImage;

/**
 * Encodes frames one at a time into a video file with the source audio muxed in. Nothing of the
 * video is kept in memory: each frame is encoded and may be reused by the caller as soon as
 * {@link #encode} returns.
 */
public interface VideoEncoder extends AutoCloseable {
    void encode(RgbImage frame);

    /** Flushes the encoders and completes the file; after this the output is playable. */
    void finish();

    /** The codec implementation in use, e.g. {@code libx264} or {@code h264_nvenc}. */
    String codec();

    /** Releases everything; an unfinished output is deleted. */
    @Override
    void close();
}
