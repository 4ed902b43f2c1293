package com.videogenie.avatar.mcp;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare JSON-RPC peer for in-process tests: writes request lines into the server's input and
 * reads the lines it writes, without an MCP client in between, so the wire format itself is tested.
 */
final class LineClient implements AutoCloseable {
    private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();
    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
    };

    final PipedInputStream serverInput = new PipedInputStream(1 << 16);
    final OutputStream serverOutput = new LineSplitter();
    final List<String> rawOutput = new ArrayList<>();
    private final PipedOutputStream toServer;
    private final BlockingQueue<Map<String, Object>> received = new LinkedBlockingQueue<>();
    private final List<Map<String, Object>> notifications = new ArrayList<>();
    private final Map<String, Map<String, Object>> responses = new HashMap<>();

    LineClient() throws IOException {
        toServer = new PipedOutputStream(serverInput);
    }

    void sendLine(String line) throws IOException {
        toServer.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        toServer.flush();
    }

    void send(Map<String, Object> message) throws IOException {
        sendLine(JSON.writeValueAsString(message));
    }

    void request(Object id, String method, Map<String, Object> params) throws IOException {
        send(Map.of("jsonrpc", "2.0", "id", id, "method", method, "params", params));
    }

    void notify(String method, Map<String, Object> params) throws IOException {
        send(Map.of("jsonrpc", "2.0", "method", method, "params", params));
    }

    /** The next message from the server, whatever it is. */
    Map<String, Object> next() throws InterruptedException {
        Map<String, Object> message = received.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("the server sent nothing; it wrote: " + rawOutput);
        }
        return message;
    }

    /**
     * The response to request {@code id}. Notifications and other responses that come first are
     * kept: in {@link #notifications}, and for a later call of this method.
     */
    Map<String, Object> responseTo(Object id) throws InterruptedException {
        Map<String, Object> early = responses.remove(String.valueOf(id));
        if (early != null) {
            return early;
        }
        while (true) {
            Map<String, Object> message = next();
            if (message.containsKey("method")) {
                notifications.add(message);
            } else if (Objects.equals(String.valueOf(message.get("id")), String.valueOf(id))) {
                return message;
            } else {
                responses.put(String.valueOf(message.get("id")), message);
            }
        }
    }

    List<Map<String, Object>> notifications(String method) {
        return notifications.stream().filter(n -> method.equals(n.get("method"))).toList();
    }

    /** Ends the server's input, as a client that exits does. */
    @Override
    public void close() throws IOException {
        toServer.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private final class LineSplitter extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) throws IOException {
            if (b != '\n') {
                line.write(b);
                return;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            synchronized (rawOutput) {
                rawOutput.add(text);
            }
            received.add(JSON.readValue(text, MAP));
        }
    }
}
