package com.videogenie.avatar.http;

import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.live.IdleFill;
import com.videogenie.avatar.live.LiveOptions;
import com.videogenie.avatar.live.LiveSession;
import com.videogenie.avatar.media.FragmentedMp4Encoder;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

/**
 * One live connection: audio goes into the {@link LiveSession} on the socket's receiving thread,
 * each frame is encoded there, and its fragment waits in a bounded queue for this connection's
 * sender thread, the only one that writes to the socket. A full queue holds the producer back, so a
 * client sending audio faster than real time gets video as fast as it takes it, and the audio it
 * sends meanwhile waits in the network, not here. A client that takes nothing for
 * {@link #STALL_NANOS} while the queue is full is ended with {@code CLIENT_TOO_SLOW}: single
 * fragments cannot be dropped, as each frame is predicted from the one before.
 */
final class LiveStream {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Queue markers: close normally, or close after an error. */
    private static final WebSocketMessage<?> DONE = new TextMessage("done");
    private static final WebSocketMessage<?> FAILED = new TextMessage("failed");
    /** How long a full queue may go without the client taking a message. */
    static final long STALL_NANOS = 2_000_000_000L;

    private final WebSocketSession socket;
    private final int queuedFrames;
    private final BlockingQueue<WebSocketMessage<?>> outgoing;
    /** Arrival time of the audio chunk that completed each frame not yet delivered, oldest first. */
    private final ArrayDeque<Long> due = new ArrayDeque<>();
    /** Guards the session, encoder and text pieces: one producer at a time (audio, end, idle timer). */
    private final ReentrantLock lock = new ReentrantLock();
    /** The pieces of a text message that has not ended yet. */
    private StringBuilder text = new StringBuilder();
    private LiveSession session;
    private FragmentedMp4Encoder encoder;
    /** Null when the client asked for video only while it sends audio. */
    private IdleFill idle;
    private volatile Future<?> pacing;
    /** Drawn silence already reported to the client in a timeline line. */
    private long filledReported;
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

    void start(LiveSession prepared, FragmentedMp4Encoder opened, IdleFill fill) {
        lock.lock();
        try {
            if (stopped) {
                // The socket closed while the photo was being prepared: nobody else will free this encoder.
                opened.close();
                return;
            }
            this.session = prepared;
            this.encoder = opened;
            this.idle = fill;
            if (fill != null) {
                fill.start(System.nanoTime());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The timer that calls {@link #keepPace}; cancelled when the stream closes. */
    void pacedBy(Future<?> timer) {
        lock.lock();
        try {
            if (stopped) {
                timer.cancel(false);
            } else {
                this.pacing = timer;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Called on a timer: draws silence when the client's audio stopped and the video caught up. */
    void keepPace() {
        // Never wait here: a stream whose producer is held back by a slow client would stall this
        // shared timer thread and so the idle video of other sessions.
        if (!lock.tryLock()) {
            return;
        }
        try {
            // Idle frames for a client that is behind would only wait in its queue (and hold this timer thread).
            if (stopped || idle == null || outgoing.size() > outgoing.remainingCapacity()) {
                return;
            }
            long now = System.nanoTime();
            int owed = idle.owed(now, session.audioSamples());
            if (owed > 0) {
                chunkArrived = now;
                session.silence(owed);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean started() {
        lock.lock();
        try {
            return session != null;
        } finally {
            lock.unlock();
        }
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

    void audio(byte[] pcm, int offset, int length) {
        lock.lock();
        try {
            lastMessage = System.nanoTime();
            if (stopped) {
                return;
            }
            chunkArrived = lastMessage;
            if (idle != null) {
                idle.audio(lastMessage);
                reportTimeline();
            }
            session.accept(pcm, offset, length);
        } finally {
            lock.unlock();
        }
    }

    void end() {
        lock.lock();
        try {
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
            done.put("idleSeconds", idle == null ? 0 : idle.filledSeconds());
            status(done);
            stopped = true;
            stopPacing();
            outgoing.offer(DONE);
        } finally {
            lock.unlock();
        }
    }

    /**
     * After drawn silence, where the client's audio goes on in the stream: its sound from
     * {@code audioMs} plays at stream time {@code streamMs}, so a client that plays the sound itself
     * can keep it in step with the video.
     */
    private void reportTimeline() {
        long filled = idle.filledSamples();
        if (filled == filledReported) {
            return;
        }
        filledReported = filled;
        long stream = session.audioSamples();
        Map<String, Object> timeline = new LinkedHashMap<>();
        timeline.put("type", "timeline");
        timeline.put("streamMs", stream * 1000.0 / LiveOptions.SAMPLE_RATE);
        timeline.put("audioMs", (stream - filled) * 1000.0 / LiveOptions.SAMPLE_RATE);
        status(timeline);
    }

    /** Adds a piece of a text message: the whole message once its last piece is in, else null. */
    String join(String piece, boolean last) {
        lock.lock();
        try {
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
        } finally {
            lock.unlock();
        }
    }

    int pendingText() {
        lock.lock();
        try {
            return text.length();
        } finally {
            lock.unlock();
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
        fail("CLIENT_TOO_SLOW", "The client took no video for " + STALL_NANOS / 1_000_000_000 + " s while "
                + queuedFrames + " fragments were waiting. Read continuously, or ask for a smaller size.");
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

    /** After the socket closed: stops the sender and frees the encoder. */
    void close() {
        lock.lock();
        try {
            stopped = true;
            stopPacing();
            outgoing.clear();
            outgoing.offer(DONE);
            if (encoder != null) {
                encoder.close();
                encoder = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
