package com.videogenie.avatar.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client for /live that records every whole message with the time it arrived. */
final class LiveClient implements WebSocket.Listener {
    /** A text or binary message, or the close (text null, bytes null, with the close code). */
    record Message(long nanos, String text, byte[] bytes, int closeCode) {
        boolean isClose() {
            return text == null && bytes == null;
        }
    }

    private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private WebSocket socket;

    static LiveClient connect(int port) {
        LiveClient client = new LiveClient();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/live"), client).join();
        return client;
    }

    WebSocket socket() {
        return socket;
    }

    void sendText(String json) {
        socket.sendText(json, true).join();
    }

    void sendBinary(byte[] bytes, int from, int length) {
        socket.sendBinary(ByteBuffer.wrap(bytes, from, length), true).join();
    }

    /** The next message, or fails after {@code seconds}. */
    Message next(double seconds) throws InterruptedException {
        Message message = messages.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + seconds + " s");
        }
        return message;
    }

    /** The fragments that came before the "done" line, and that line; fails on a close first. */
    record UntilDone(List<byte[]> fragments, String done) {}

    /** Reads messages, each within {@code seconds}, until the "done" line. */
    UntilDone untilDone(double seconds) throws InterruptedException {
        List<byte[]> fragments = new ArrayList<>();
        while (true) {
            Message message = next(seconds);
            if (message.isClose()) {
                throw new AssertionError("closed before done: " + message.closeCode());
            }
            if (message.bytes() != null) {
                fragments.add(message.bytes());
            } else if (message.text().contains("\"type\":\"done\"")) {
                return new UntilDone(fragments, message.text());
            }
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            messages.add(new Message(System.nanoTime(), text.toString(), null, 0));
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] part = new byte[data.remaining()];
        data.get(part);
        binary.writeBytes(part);
        if (last) {
            messages.add(new Message(System.nanoTime(), null, binary.toByteArray(), 0));
            binary.reset();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        messages.add(new Message(System.nanoTime(), null, null, statusCode));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        messages.add(new Message(System.nanoTime(), null, null, -1));
    }
}
