package com.videogenie.avatar.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A webhook receiver on a free 127.0.0.1 port: records every POST and answers with the next status given. */
final class CallbackServer implements AutoCloseable {
    record Received(Map<String, List<String>> headers, byte[] body) {
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
