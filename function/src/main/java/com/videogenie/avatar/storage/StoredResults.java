package com.videogenie.avatar.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.videogenie.avatar.RenderResult;
import java.io.IOException;

/**
 * A finished render's result kept beside its video as {@code <video>.result.json}, so that a repeated
 * job, on any pod, is answered without rendering again. It is written after the video: its presence
 * says the video is complete. Presigned links are not stored (they expire and grant access to
 * whoever holds them); a reader issues fresh ones.
 */
final class StoredResults {
    static final String SUFFIX = ".result.json";
    /** A result is a few kilobytes; anything much larger beside a video is not one of ours. */
    static final long MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StoredResults() {
    }

    static byte[] toJson(RenderResult result) {
        try {
            return JSON.writeValueAsBytes(result.withLinks(null, null));
        } catch (IOException e) {
            throw new IllegalStateException("a RenderResult always serialises", e);
        }
    }

    /**
     * The stored result when it belongs to this job and this video, else null (another job's result at
     * the same place, or a file that is not a result: both mean "render").
     */
    static RenderResult matching(byte[] json, String jobId, String videoUrl) {
        RenderResult stored;
        try {
            stored = JSON.readValue(json, RenderResult.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return jobId.equals(stored.jobId()) && videoUrl.equals(stored.outputUrl()) ? stored : null;
    }
}
