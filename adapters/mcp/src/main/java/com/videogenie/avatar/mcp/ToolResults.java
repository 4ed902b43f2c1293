package com.videogenie.avatar.mcp;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.RenderResult;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** Builds {@code render_avatar} tool results: the rendered video, or an error that says what to fix. */
final class ToolResults {
    static final String VIDEO_MIME_TYPE = "video/mp4";
    static final String POSTER_MIME_TYPE = "image/jpeg";
    /** A larger poster is only linked, not inlined: an agent keeps every result in its context. */
    static final int MAX_POSTER_BYTES = 64 * 1024;

    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
    };

    private final McpJsonMapper json;

    ToolResults(McpJsonMapper json) {
        this.json = json;
    }

    /**
     * A poster frame of the video.
     *
     * @param uri  where it is ({@code file:} beside the video, or a download link)
     * @param jpeg its bytes when small enough to inline, else null
     */
    record Poster(String uri, byte[] jpeg) {
    }

    /**
     * A text summary, the {@link RenderResult} as structured content, a resource link to the MP4
     * and, when there is one, to the poster frame, which is also inlined as an image when small.
     *
     * @param videoBytes size of the MP4, or null when it is not a local file
     * @param poster     the first frame, or null
     */
    CallToolResult rendered(RenderResult result, Long videoBytes, Poster poster) {
        // A video in object storage is reached through its download link, not its s3:// name.
        String videoUri = result.downloadUrl() != null ? result.downloadUrl() : result.outputUrl();
        CallToolResult.Builder builder = CallToolResult.builder()
                .isError(false)
                .structuredContent(json.convertValue(result, MAP))
                .addTextContent(summary(result))
                .addContent(McpSchema.ResourceLink.builder()
                        .uri(videoUri)
                        .name(fileName(result.outputUrl()))
                        .title("Talking-head video")
                        .description(String.format(Locale.ROOT, "%.1f s, %dx%d at %d fps, H.264 + AAC",
                                result.durationSeconds(), result.width(), result.height(), result.fps()))
                        .mimeType(VIDEO_MIME_TYPE)
                        .size(videoBytes)
                        .build());
        if (poster != null) {
            builder.addContent(McpSchema.ResourceLink.builder()
                    .uri(poster.uri())
                    .name(fileName(poster.uri()))
                    .title("Poster frame")
                    .description("The video's first frame")
                    .mimeType(POSTER_MIME_TYPE)
                    .build());
            if (poster.jpeg() != null && poster.jpeg().length <= MAX_POSTER_BYTES) {
                builder.addContent(new McpSchema.ImageContent(null, Base64.getEncoder().encodeToString(poster.jpeg()),
                        POSTER_MIME_TYPE));
            }
        }
        return builder.build();
    }

    /** An error result: the stable code first, for clients that branch on it, then what to do. */
    static CallToolResult failed(AvatarException e) {
        String message = RenderArguments.inToolTerms(e.getMessage());
        String text = switch (e.code().kind()) {
            case BAD_INPUT, NO_FACE -> e.code() + ": " + message;
            case CANCELLED -> e.code() + ": " + message + " No video was written.";
            case INTERNAL -> e.code() + ": " + message + " This is a problem of the server, not of the inputs;"
                    + " its log (stderr) has the details.";
        };
        return error(text);
    }

    static CallToolResult busy(int waiting) {
        return error("BUSY: The server renders one video at a time and " + waiting
                + " more calls are already waiting. Try again when a render has finished.");
    }

    static CallToolResult error(String text) {
        return CallToolResult.builder().isError(true).addTextContent(text).build();
    }

    static String summary(RenderResult result) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Rendered a %.1f s talking-head video (%d frames, %dx%d at %d fps, %s) in %.1f s.\n"
                        + "Video: %s\nSeed: %d (pass it again to render the same video).",
                result.durationSeconds(), result.frames(), result.width(), result.height(), result.fps(),
                result.encoder(), result.timings().getOrDefault("total", 0L) / 1000.0, result.outputUrl(),
                result.seed()));
        for (String warning : result.warnings()) {
            text.append('\n').append("Warning: ").append(warning);
        }
        return text.toString();
    }

    private static String fileName(String url) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
