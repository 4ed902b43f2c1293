package com.videogenie.avatar.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 standing in for the model host; unknown paths answer 404. */
final class TestModelServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    TestModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // One thread per exchange, so a stalled response cannot hold up the others.
        server.setExecutor(handlers);
        server.start();
    }

    /** Serves {@code body} with a Content-Length header. */
    URI serve(String path, byte[] body) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /** Serves {@code body} chunked, so the client does not know the total size. */
    URI serveChunked(String path, byte[] body) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    URI redirect(String path, URI target) {
        return handle(path, exchange -> {
            exchange.getResponseHeaders().add("Location", target.toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
    }

    /** Announces {@code body} in full, sends {@code sent} bytes of it, then goes silent until closed. */
    URI stall(String path, byte[] body, int sent) {
        return handle(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            OutputStream out = exchange.getResponseBody();
            out.write(body, 0, sent);
            out.flush();
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
    }

    /** A URL on this server that nothing is served at. */
    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private URI handle(String path, Handler handler) {
        requests.put(path, new AtomicInteger());
        server.createContext(path, exchange -> {
            requests.get(path).incrementAndGet();
            handler.handle(exchange);
        });
        return url(path);
    }

    private interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }
}
