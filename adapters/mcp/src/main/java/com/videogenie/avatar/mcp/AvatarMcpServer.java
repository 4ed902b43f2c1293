package com.videogenie.avatar.mcp;

import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.media.FileAccess;
import com.videogenie.avatar.model.ModelManifest;
import com.videogenie.avatar.model.ModelRegistry;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./avatar mcp}: an MCP server on standard input and output with one tool, render_avatar.
 * It answers {@code initialize} at once and loads the face models meanwhile, in the background; it
 * runs until the client closes standard input. Configuration comes from the environment (see
 * {@code mcp-tool.json} and the README): {@code AVATAR_ALLOWED_INPUT_DIRS}, {@code AVATAR_OUTPUT_DIR}
 * and the core's variables.
 */
public final class AvatarMcpServer implements AutoCloseable {
    /** Calls that may wait while another renders; more are refused as busy. */
    static final int MAX_WAITING = 4;

    private static final Logger log = LoggerFactory.getLogger(AvatarMcpServer.class);

    private final RenderQueue queue;
    private final StdioTransport transport;
    private final McpSyncServer server;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Starts serving at once: the transport reads {@code in} from now on.
     *
     * @param load creates the renderer; runs in the background, before the first render
     */
    AvatarMcpServer(InputStream in, OutputStream out, Supplier<Renderer> load, int maxWaiting) {
        McpJsonMapper json = McpJsonDefaults.getMapper();
        ToolManifest manifest = ToolManifest.bundled(json);
        queue = new RenderQueue(load, maxWaiting);
        queue.ready().whenComplete((renderer, failure) -> {
            if (failure != null) {
                log.error("The renderer cannot start; every call will fail until this is fixed: {}",
                        failure.getCause() != null ? failure.getCause() : failure);
            }
        });
        transport = new StdioTransport(json, in, out, queue::cancel);
        RenderAvatarTool tool = new RenderAvatarTool(manifest,
                new RenderArguments(manifest.tool().name(), manifest.inputSchema(), McpJsonDefaults.getSchemaValidator()),
                queue, new ToolResults(json), maxWaiting);
        server = McpServer.sync(transport)
                .serverInfo(new McpSchema.Implementation(manifest.name(), manifest.title(), manifest.version()))
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(json)
                // Arguments are validated by the tool, so a schema violation is a JSON-RPC error, not a tool result.
                .validateToolInputs(false)
                .tools(tool.specification())
                .build();
    }

    public static void main(String[] args) {
        // Standard output belongs to the protocol: keep the real one for it and send stray prints to stderr.
        OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(System.err);
        if (args.length > 0) {
            System.err.println("usage: avatar mcp   (serves MCP on stdin/stdout; configured by AVATAR_* variables)");
            System.exit(2);
        }
        System.exit(serve(System.in, protocol, System.getenv()));
    }

    /** Serves until the input ends; returns the exit status. */
    static int serve(InputStream in, OutputStream out, Map<String, String> env) {
        RenderSettings settings;
        try {
            settings = RenderSettings.fromEnvironment(env)
                    .withFiles(FileAccess.forService(env.get("AVATAR_ALLOWED_INPUT_DIRS"), env.get("AVATAR_OUTPUT_DIR")));
        } catch (IllegalArgumentException e) {
            log.error("Invalid configuration: {}", e.getMessage());
            return 2;
        }
        if (settings.files().inputDirs().isEmpty()) {
            log.warn("AVATAR_ALLOWED_INPUT_DIRS is not set: every render will be refused until it names the input folders.");
        }
        log.info("Serving render_avatar on stdio; inputs from {}, outputs to {}", settings.files().inputDirs(),
                settings.files().outputDir());
        Supplier<Renderer> load = () -> {
            long start = System.nanoTime();
            RenderAvatar avatar = RenderAvatar.create(settings, new ModelRegistry(ModelManifest.bundled(), env, System.err));
            log.info("Models loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
            avatar.renderersReport().forEach(log::info);
            return Renderer.of(avatar);
        };
        AvatarMcpServer server = new AvatarMcpServer(in, out, load, MAX_WAITING);
        // On SIGTERM too, a running render is cancelled so that its partial file is deleted.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "avatar-mcp-shutdown"));
        try {
            server.awaitEndOfInput();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
        }
        return 0;
    }

    void awaitEndOfInput() throws InterruptedException {
        transport.awaitEndOfInput();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            queue.close();
            server.close();
        }
    }
}
