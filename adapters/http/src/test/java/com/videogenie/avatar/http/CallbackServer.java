package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A webhook receiver on a free 127.0.0.1 port: records every POST and answers with the next status given. */
final class CallbackServer implements AutoCloseable {
    record Received(Map<String, List<String>> headers, byte[] body) {
        /** What a receiver does, written from the recipe in docs/service.md rather than with the service's code. */
        void assertSignedWith(String secret) throws Exception {
            String timestamp = header("X-Avatar-Timestamp");
            long age = Instant.now().getEpochSecond() - Long.parseLong(timestamp);
            assertTrue(age >= 0 && age < 300, "a fresh timestamp: " + timestamp);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body()))).getBytes(StandardCharsets.UTF_8);
            byte[] given = header("X-Avatar-Signature").getBytes(StandardCharsets.UTF_8);
            assertTrue(MessageDigest.isEqual(expected, given), "signature " + header("X-Avatar-Signature"));

            mac.update(((Long.parseLong(timestamp) - 600) + ".").getBytes(StandardCharsets.UTF_8));
            byte[] replayed = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body()))).getBytes(StandardCharsets.UTF_8);
            assertTrue(!MessageDigest.isEqual(replayed, given), "the timestamp is part of what is signed");
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Integer> statuses;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Received> queue = new LinkedBlockingQueue<>();

    /** @param statuses the answers to the first requests in turn; 200 after them */
    CallbackServer(Integer... statuses) throws IOException {
        this.statuses = new CopyOnWriteArrayList<>(statuses);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                Received call = new Received(Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes());
                int index = received.size();
                received.add(call);
                queue.add(call);
                exchange.sendResponseHeaders(index < this.statuses.size() ? this.statuses.get(index) : 200, -1);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The next request received, waiting up to {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        Received call = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (call == null) {
            throw new AssertionError("no callback within " + timeout);
        }
        return call;
    }

    /** Every later POST is answered 200. */
    void answerOkFromNow() {
        statuses.clear();
    }

    int count() {
        return received.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
