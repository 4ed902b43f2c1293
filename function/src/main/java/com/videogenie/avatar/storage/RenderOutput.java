package com.videogenie.avatar.storage;

import com.videogenie.avatar.RenderResult;
import java.nio.file.Path;

/**
 * Where a render's video goes. The encoder writes {@link #temporary()}; {@link #commit()} publishes
 * the finished file; closing without a commit leaves nothing at the destination.
 */
public interface RenderOutput extends AutoCloseable {
    /** The local file to write while rendering. */
    Path temporary();

    /**
     * Publishes the finished video (and, for object storage, its poster), first removing a result
     * stored there by an earlier job, which would no longer describe the video.
     */
    void commit();

    /**
     * Stores the result beside the published video ({@code <video>.result.json}), after it; if that
     * fails the video is taken back, so a failed job leaves neither.
     */
    void storeResult(RenderResult result);

    /** The video's URL: {@code file:} or {@code s3://}. */
    String url();

    /** A time-limited HTTPS link to the video, or null for a local file. */
    String downloadUrl();

    /** A time-limited HTTPS link to the JPEG poster, or null for a local file. */
    String posterUrl();

    @Override
    void close();
}
