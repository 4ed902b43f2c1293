package com.videogenie.avatar.http;

import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.live.LiveSession;
import com.videogenie.avatar.media.FragmentedMp4Encoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One live connection: audio goes into the {@link LiveSession} on the socket's receiving thread,
 * each frame is encoded there, and its fragment waits in a bounded queue for this connection's
 * sender thread, the only one that writes to the socket. A client that reads too slowly fills the
 * queue and the stream ends with {@code CLIENT_TOO_SLOW}: single fragments cannot be dropped, as
 * each frame is predicted from the one before.
 */
final class LiveStream {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Queue markers: close normally, or close after an error. */
    private static final WebSocketMessage<?> DONE = new TextMessage("done");
    private static final WebSocketMessage<?> FAILED = new TextMessage("failed");

    private final WebSocketSession socket;
    private final int queuedFrames;
    private final BlockingQueue<WebSocketMessage<?>> outgoing;
    /** Arrival time of the audio chunk that completed each frame not yet delivered, oldest first. */
    private final ArrayDeque<Long> due = new ArrayDeque<>();
    /** The pieces of a text message that has not ended yet. */
    private StringBuilder text = new StringBuilder();
    private LiveSession session;
    private FragmentedMp4Encoder encoder;
    private long chunkArrived;
    private volatile long lastMessage = System.nanoTime();
    private volatile boolean stopped;

    LiveStream(WebSocketSession socket, int queuedFrames, Executor senders) {
        this.socket = socket;
        this.queuedFrames = queuedFrames;
        // Each fragment travels with its status line; room for ready, init, done and an error besides.
        this.outgoing = new ArrayBlockingQueue<>(2 * queuedFrames + 8);
        senders.execute(this::send);
    }

    synchronized void start(LiveSession prepared, FragmentedMp4Encoder opened) {
        this.session = prepared;
        this.encoder = opened;
    }

    synchronized boolean started() {
        return session != null;
    }

    /** Called by the encoder: the init segment, then one fragment per frame. */
    void segment(byte[] bytes, boolean init, long frames) {
        enqueue(new BinaryMessage(bytes));
        if (!init) {
            Long arrived = due.poll();
            double latency = arrived == null ? 0 : (System.nanoTime() - arrived) / 1e6;
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("type", "fragment");
            status.put("frame", frames - 1);
            status.put("latencyMs", Math.round(latency * 10) / 10.0);
            status(status);
        }
    }

    /** Called by the session for each frame drawn: encode it now. */
    void frame(RgbImage image) {
        due.add(chunkArrived);
        encoder.encode(image);
    }

    synchronized void audio(byte[] pcm) {
        lastMessage = System.nanoTime();
        if (stopped) {
            return;
        }
        chunkArrived = lastMessage;
        session.accept(pcm, 0, pcm.length);
    }

    synchronized void end() {
        lastMessage = System.nanoTime();
        if (stopped) {
            return;
        }
        chunkArrived = lastMessage;
        session.end();
        encoder.finish();
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("type", "done");
        done.put("frames", session.frames());
        done.put("audioSeconds", session.audioSeconds());
        status(done);
        stopped = true;
        outgoing.offer(DONE);
    }

    /** Adds a piece of a text message: the whole message once its last piece is in, else null. */
    synchronized String join(String piece, boolean last) {
        if (stopped) {
            return null;
        }
        if (last && text.isEmpty()) {
            return piece;
        }
        text.append(piece);
        if (!last) {
            return null;
        }
        String whole = text.toString();
        // A new builder, so the capacity a photo needed is not kept for the rest of the session.
        text = new StringBuilder();
        return whole;
    }

    synchronized int pendingText() {
        return text.length();
    }

    void touch() {
        lastMessage = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastMessage;
    }

    void status(Map<String, ?> fields) {
        enqueue(new TextMessage(JSON.writeValueAsString(fields)));
    }

    /** Ends the stream with an error line; whatever video is still queued is dropped. */
    void fail(String code, String message) {
        if (stopped) {
            return;
        }
        stopped = true;
        outgoing.clear();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("code", code);
        error.put("message", message);
        outgoing.offer(new TextMessage(JSON.writeValueAsString(error)));
        outgoing.offer(FAILED);
    }

    /** Queues a message; a full queue means the client reads slower than real time. */
    private void enqueue(WebSocketMessage<?> message) {
        if (stopped) {
            return;
        }
        if (!outgoing.offer(message)) {
            fail("CLIENT_TOO_SLOW", "The client read the video slower than it was made: " + queuedFrames
                    + " fragments were waiting. Read continuously, or ask for a smaller size.");
        }
    }

    /** Sends queued messages in order until the stream stops; runs on its own thread. */
    private void send() {
        try {
            while (socket.isOpen()) {
                WebSocketMessage<?> message = outgoing.take();
                if (message == DONE) {
                    socket.close(CloseStatus.NORMAL);
                } else if (message == FAILED) {
                    socket.close(CloseStatus.POLICY_VIOLATION);
                } else {
                    socket.sendMessage(message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            stopped = true;
        }
    }

    /** After the socket closed: stops the sender and frees the encoder. */
    synchronized void close() {
        stopped = true;
        outgoing.clear();
        outgoing.offer(DONE);
        if (encoder != null) {
            encoder.close();
            encoder = null;
        }
    }
}
