package com.videogenie.avatar.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCMessage;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCNotification;
import io.modelcontextprotocol.spec.McpSchema.JSONRPCRequest;
import io.modelcontextprotocol.spec.McpServerSession;
import io.modelcontextprotocol.spec.McpServerTransport;
import io.modelcontextprotocol.spec.McpServerTransportProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * MCP over STDIO: one JSON-RPC message per line, in on one stream, out on the other.
 *
 * <p>Written for this adapter instead of the SDK's {@code StdioServerTransportProvider} because
 * SDK 2.1.0 has no way to cancel a call: it drops {@code notifications/cancelled}, and a tool
 * handler never learns which JSON-RPC request it serves. This transport hands cancellations to a
 * listener and puts each request's id into the {@link McpTransportContext} the handler sees
 * ({@link #REQUEST_ID}). A line that is not JSON-RPC gets a parse error reply; the session goes on.
 */
final class StdioTransport implements McpServerTransportProvider {
    /** Transport-context key: the id of the JSON-RPC request being handled, as a string. */
    static final String REQUEST_ID = "jsonrpc.requestId";
    static final String METHOD_CANCELLED = "notifications/cancelled";

    private static final Logger log = LoggerFactory.getLogger(StdioTransport.class);
    /** The reply to a line that is not JSON-RPC; its id is null, which the SDK's response type does not allow. */
    private static final byte[] PARSE_ERROR = ("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
            + McpSchema.ErrorCodes.PARSE_ERROR + ",\"message\":\"Parse error: each line must be one JSON-RPC 2.0 message.\"}}")
            .getBytes(StandardCharsets.UTF_8);

    private final McpJsonMapper json;
    private final InputStream in;
    private final OutputStream out;
    private final Consumer<String> cancellations;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile McpServerSession session;

    /**
     * @param cancellations called with the request id (as {@link #key}) of each cancelled request
     */
    StdioTransport(McpJsonMapper json, InputStream in, OutputStream out, Consumer<String> cancellations) {
        this.json = json;
        this.in = in;
        this.out = out;
        this.cancellations = cancellations;
    }

    /** The string form of a JSON-RPC id (a string or a number), so 7 and 7L match. */
    static String key(Object requestId) {
        return String.valueOf(requestId);
    }

    @Override
    public void setSessionFactory(McpServerSession.Factory sessionFactory) {
        session = sessionFactory.create(new SessionTransport());
        Thread reader = new Thread(this::readLines, "mcp-stdin");
        reader.setDaemon(true);
        reader.start();
    }

    /** Blocks until the input ends: the client has gone. */
    void awaitEndOfInput() throws InterruptedException {
        closed.await();
    }

    @Override
    public Mono<Void> notifyClients(String method, Object params) {
        return Mono.defer(() -> session == null ? Mono.error(new IllegalStateException("no session yet"))
                : session.sendNotification(method, params));
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> session == null ? Mono.empty() : session.closeGracefully());
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    dispatch(line);
                } catch (RuntimeException e) {
                    log.error("Cannot handle a message; going on with the next one", e);
                }
            }
        } catch (IOException e) {
            log.warn("Reading standard input failed; closing the session: {}", e.toString());
        } finally {
            session.close();
            closed.countDown();
        }
    }

    private void dispatch(String line) {
        JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(json, line);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignoring a line that is not a JSON-RPC message: {}", e.toString());
            writeLine(PARSE_ERROR);
            return;
        }
        if (message instanceof JSONRPCNotification notification && METHOD_CANCELLED.equals(notification.method())) {
            cancelled(notification.params());
            return;
        }
        Mono<Void> handling = session.handle(message);
        if (message instanceof JSONRPCRequest request && request.id() != null) {
            McpTransportContext context = McpTransportContext.create(Map.of(REQUEST_ID, key(request.id())));
            handling = handling.contextWrite(Context.of(McpTransportContext.KEY, context));
        }
        handling.subscribe(null, e -> log.warn("Handling {} failed: {}", describe(message), e.toString()));
    }

    private void cancelled(Object params) {
        if (params instanceof Map<?, ?> map && map.get("requestId") != null) {
            Object reason = map.get("reason");
            log.info("Client cancelled request {}{}", map.get("requestId"), reason == null ? "" : ": " + reason);
            cancellations.accept(key(map.get("requestId")));
        } else {
            log.warn("Ignoring {} without a requestId", METHOD_CANCELLED);
        }
    }

    private static String describe(JSONRPCMessage message) {
        if (message instanceof JSONRPCRequest request) {
            return request.method() + " (id " + request.id() + ")";
        }
        return message instanceof JSONRPCNotification notification ? notification.method() : "a response";
    }

    /** Writes one message as one line; several threads send, so whole lines are written under a lock. */
    private void write(JSONRPCMessage message) {
        try {
            writeLine(json.writeValueAsBytes(message));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot serialise " + describe(message), e);
        }
    }

    private void writeLine(byte[] line) {
        synchronized (out) {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write to standard output", e);
            }
        }
    }

    private final class SessionTransport implements McpServerTransport {
        @Override
        public Mono<Void> sendMessage(JSONRPCMessage message) {
            return Mono.fromRunnable(() -> write(message));
        }

        @Override
        public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
            return json.convertValue(data, typeRef);
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
