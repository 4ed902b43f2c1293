package com.videogenie.avatar;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What was rendered. Field names are the JSON names every adapter uses.
 *
 * @param jobId           the job's id (given or generated)
 * @param outputUrl       the finished MP4, as a {@code file:} URI or an {@code s3://} URL
 * @param durationSeconds video duration (frames / fps), within one frame of the audio
 * @param frames          number of video frames
 * @param width           frame width
 * @param height          frame height
 * @param fps             frame rate
 * @param seed            the seed used; the same request with this seed renders the same video
 * @param timings         milliseconds per stage, in pipeline order
 * @param renderer        the frame renderer, e.g. {@code cpu-warp}
 * @param stages          what ran for each stage, in pipeline order: {@code face}, {@code motion} ({@code idle} or
 *                        {@code driver}), {@code mouth}, {@code render}, {@code enhance} (when any), {@code encode}
 * @param encoder         the H.264 encoder, {@code libx264} or {@code h264_nvenc}
 * @param warnings        things that worked but may disappoint, in plain sentences
 * @param downloadUrl     for an {@code s3://} output, a time-limited HTTPS link to the MP4; else null
 * @param posterUrl       for an {@code s3://} output, a time-limited HTTPS link to a JPEG poster frame; else null
 */
public record RenderResult(String jobId, String outputUrl, double durationSeconds, int frames, int width,
                           int height, int fps, long seed, Map<String, Long> timings, String renderer,
                           Map<String, String> stages, String encoder, List<String> warnings, String downloadUrl,
                           String posterUrl) {
    public RenderResult {
        timings = Collections.unmodifiableMap(new LinkedHashMap<>(timings));
        warnings = List.copyOf(warnings);
        // Results stored before stages were reported read back without them.
        stages = stages == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** The same result with other download links (stored results get fresh presigned ones). */
    public RenderResult withLinks(String newDownloadUrl, String newPosterUrl) {
        return new RenderResult(jobId, outputUrl, durationSeconds, frames, width, height, fps, seed, timings, renderer,
                stages, encoder, warnings, newDownloadUrl, newPosterUrl);
    }
}
