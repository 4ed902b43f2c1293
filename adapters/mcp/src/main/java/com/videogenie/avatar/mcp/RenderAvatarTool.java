package com.videogenie.avatar.mcp;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderProgress;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.media.PosterFrame;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code render_avatar} tool: arguments in, one queued render by the core, a tool result out.
 * Schema violations are JSON-RPC errors (thrown as {@link McpError}); everything the render itself
 * reports, cancellation included, is a result with {@code isError: true}.
 */
final class RenderAvatarTool {
    private static final Logger log = LoggerFactory.getLogger(RenderAvatarTool.class);

    private final ToolManifest manifest;
    private final RenderArguments arguments;
    private final RenderQueue queue;
    private final ToolResults results;
    private final int maxWaiting;

    RenderAvatarTool(ToolManifest manifest, RenderArguments arguments, RenderQueue queue, ToolResults results,
                     int maxWaiting) {
        this.manifest = manifest;
        this.arguments = arguments;
        this.queue = queue;
        this.results = results;
        this.maxWaiting = maxWaiting;
    }

    McpServerFeatures.SyncToolSpecification specification() {
        return McpServerFeatures.SyncToolSpecification.builder().tool(manifest.tool()).callHandler(this::call).build();
    }

    CallToolResult call(McpSyncServerExchange exchange, CallToolRequest call) {
        String key = requestKey(exchange);
        Object token = call.progressToken();
        RenderProgress progress = token == null ? RenderProgress.NONE
                : new ProgressReporter(token, exchange::progressNotification);
        try {
            RenderRequest request = arguments.toRequest(call.arguments());
            log.info("Request {}: rendering {} + {}", key, request.avatarUrl(), request.audioUrl());
            RenderResult result = queue.render(key, request, progress);
            log.info("Request {}: {} frames in {} ms -> {}", key, result.frames(), result.timings().get("total"),
                    result.outputUrl());
            return rendered(result);
        } catch (McpError e) {
            throw e;
        } catch (AvatarException e) {
            if (e.code().kind() == ErrorCode.Kind.INTERNAL) {
                log.error("Request {} failed: {}", key, e, e);
            } else {
                log.info("Request {}: {}", key, e.toString());
            }
            return ToolResults.failed(e);
        } catch (RejectedExecutionException e) {
            log.warn("Request {} refused: {} calls are waiting already", key, maxWaiting);
            return ToolResults.busy(maxWaiting);
        } catch (IOException | RuntimeException e) {
            log.error("Request {} failed unexpectedly", key, e);
            return ToolResults.failed(new AvatarException(ErrorCode.INTERNAL_ERROR,
                    "The render failed unexpectedly: " + e + ".", e));
        }
    }

    /** The JSON-RPC id the transport put in the context; cancellation finds the render by it. */
    private static String requestKey(McpSyncServerExchange exchange) {
        Object id = exchange.transportContext().get(StdioTransport.REQUEST_ID);
        return id != null ? id.toString() : "local-" + UUID.randomUUID();
    }

    /** The result with what a client needs to show the video: its size and a poster frame. */
    private CallToolResult rendered(RenderResult result) throws IOException {
        Path video = localFile(result.outputUrl());
        if (video == null) {
            ToolResults.Poster remote = result.posterUrl() == null ? null : new ToolResults.Poster(result.posterUrl(), null);
            return results.rendered(result, null, remote);
        }
        return results.rendered(result, Files.size(video), posterBeside(video));
    }

    private static Path localFile(String url) {
        URI uri = URI.create(url);
        return "file".equalsIgnoreCase(uri.getScheme()) ? Path.of(uri) : null;
    }

    /** Writes the first frame beside the video, {@code NAME.poster.jpg}; null if that fails (the video is fine). */
    private static ToolResults.Poster posterBeside(Path video) {
        String name = video.getFileName().toString();
        Path jpeg = video.resolveSibling((name.endsWith(".mp4") ? name.substring(0, name.length() - 4) : name)
                + ".poster.jpg");
        try {
            PosterFrame.write(video, jpeg);
            byte[] bytes = Files.size(jpeg) <= ToolResults.MAX_POSTER_BYTES ? Files.readAllBytes(jpeg) : null;
            return new ToolResults.Poster(jpeg.toUri().toString(), bytes);
        } catch (IOException | RuntimeException e) {
            log.warn("No poster frame for {}: {}", video, e.toString());
            return null;
        }
    }
}
