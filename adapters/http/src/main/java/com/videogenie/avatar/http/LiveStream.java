package com.videogenie.avatar.http;

import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.live.LiveVideo;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One live connection's socket side: the core's {@link LiveVideo} events become messages in a
 * bounded queue, which this connection's sender thread, the only one that writes to the socket,
 * drains. A full queue holds the producer back, so a client sending audio faster than real time gets
 * video as fast as it takes it, and the audio it sends meanwhile waits in the network, not here. A
 * client that takes nothing for {@link #STALL_NANOS} while the queue is full is ended with
 * {@code CLIENT_TOO_SLOW}: single fragments cannot be dropped, as each frame is predicted from the
 * one before.
 */
final class LiveStream implements LiveVideo.Events {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Queue markers: close normally, or close after an error. */
    private static final WebSocketMessage<?> DONE = new TextMessage("done");
    private static final WebSocketMessage<?> FAILED = new TextMessage("failed");
    /** How long a full queue may go without the client taking a message. */
    static final long STALL_NANOS = 2_000_000_000L;

    private final WebSocketSession socket;
    private final int queuedFrames;
    private final BlockingQueue<WebSocketMessage<?>> outgoing;
    /** Guards the text pieces and the start: the socket's receiving thread and its closing may overlap. */
    private final Object guard = new Object();
    /** The pieces of a text message that has not ended yet. */
    private StringBuilder text = new StringBuilder();
    private volatile LiveVideo video;
    private volatile Future<?> pacing;
    private volatile long lastMessage = System.nanoTime();
    private volatile boolean stopped;

    LiveStream(WebSocketSession socket, int queuedFrames, Executor senders) {
        this.socket = socket;
        this.queuedFrames = queuedFrames;
        // Each fragment travels with its status line; room for ready, init, done and an error besides.
        this.outgoing = new ArrayBlockingQueue<>(2 * queuedFrames + 8);
        senders.execute(this::send);
    }

    /** The prepared stream; closed at once when the socket closed while the photo was being prepared. */
    void start(LiveVideo started) {
        synchronized (guard) {
            if (stopped) {
                started.close();
                return;
            }
            this.video = started;
        }
    }

    /** The timer that calls {@link #keepPace}; cancelled when the stream closes. */
    void pacedBy(Future<?> timer) {
        synchronized (guard) {
            if (stopped) {
                timer.cancel(false);
            } else {
                this.pacing = timer;
            }
        }
    }

    /** Called on a timer: lets the video draw silence, unless the client is behind on what it has. */
    void keepPace() {
        LiveVideo current = video;
        // Idle frames for a client that is behind would only wait in its queue (and hold the timer thread).
        if (stopped || current == null || outgoing.size() > outgoing.remainingCapacity()) {
            return;
        }
        current.keepPace();
    }

    boolean started() {
        return video != null;
    }

    void audio(byte[] pcm, int offset, int length) {
        lastMessage = System.nanoTime();
        if (!stopped) {
            video.audio(pcm, offset, length);
        }
    }

    void end() {
        lastMessage = System.nanoTime();
        if (!stopped) {
            video.end();
        }
    }

    @Override
    public void ready(LiveVideo.Ready ready) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("type", "ready");
        status.put("width", ready.width());
        status.put("height", ready.height());
        status.put("fps", ready.fps());
        status.put("seed", ready.seed());
        status.put("sampleRate", ready.sampleRate());
        status.put("lookAheadMs", ready.lookAheadMs());
        status.put("codec", ready.codec());
        status.put("idleVideo", ready.idleVideo());
        status.put("renderer", ready.renderer());
        status.put("audio", ready.audio());
        status(status);
    }

    @Override
    public void init(byte[] segment) {
        enqueue(new BinaryMessage(segment));
    }

    @Override
    public void fragment(byte[] segment, long frame, double latencyMs) {
        enqueue(new BinaryMessage(segment));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("type", "fragment");
        status.put("frame", frame);
        status.put("latencyMs", latencyMs);
        status(status);
    }

    /** The last sound after the last frame's fragment (zero look-ahead only), with its own status line. */
    @Override
    public void tail(byte[] segment) {
        enqueue(new BinaryMessage(segment));
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("type", "tail");
        status(status);
    }

    @Override
    public void timeline(double streamMs, double audioMs) {
        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("type", "timeline");
        timeline.put("streamMs", streamMs);
        timeline.put("audioMs", audioMs);
        status(timeline);
    }

    @Override
    public void done(LiveVideo.Done done) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("type", "done");
        status.put("frames", done.frames());
        status.put("audioSeconds", done.audioSeconds());
        status.put("idleSeconds", done.idleSeconds());
        status(status);
        stopped = true;
        stopPacing();
        outgoing.offer(DONE);
    }

    /** Adds a piece of a text message: the whole message once its last piece is in, else null. */
    String join(String piece, boolean last) {
        synchronized (guard) {
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
    }

    int pendingText() {
        synchronized (guard) {
            return text.length();
        }
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
        stopPacing();
        outgoing.clear();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("code", code);
        error.put("message", message);
        outgoing.offer(new TextMessage(JSON.writeValueAsString(error)));
        outgoing.offer(FAILED);
    }

    private void stopPacing() {
        Future<?> timer = pacing;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** Queues a message, waiting while the queue is full; a client that takes nothing meanwhile is too slow. */
    private void enqueue(WebSocketMessage<?> message) {
        if (stopped) {
            return;
        }
        try {
            if (outgoing.offer(message) || outgoing.offer(message, STALL_NANOS, TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        fail(ErrorCode.CLIENT_TOO_SLOW.name(), "The client took no video for " + STALL_NANOS / 1_000_000_000
                + " s while " + queuedFrames + " fragments were waiting."
                + " Read continuously, or ask for a smaller size.");
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
            // A send that timed out: the client stopped reading. Drop the connection so its slot is freed.
            stopped = true;
            stopPacing();
            try {
                socket.close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException | IllegalStateException ignored) {
                // Already closed.
            }
        }
    }

    /** After the socket closed: stops the sender and frees the video's encoder and renderer. */
    void close() {
        LiveVideo started;
        synchronized (guard) {
            stopped = true;
            started = video;
        }
        stopPacing();
        outgoing.clear();
        outgoing.offer(DONE);
        if (started != null) {
            started.close();
        }
    }
}
