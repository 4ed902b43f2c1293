package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.live.LiveOptions;
import com.videogenie.avatar.live.LiveSession;
import com.videogenie.avatar.motion.FrameMotion;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One live session over WebRTC: the client's audio, as its peer hands it over in real time, is
 * drawn by a {@link LiveSession} on this session's own thread (never libwebrtc's), and each frame
 * goes to the peer together with the sound it shows, so picture and sound leave with the same
 * capture time and the client's player keeps them in step. Status lines go on the client's data
 * channel: {@code ready}, {@code done}, {@code error}, as on the WebSocket; {@code {"type":"end"}}
 * from the client draws the last frames with the mouth closing, then the session ends.
 */
final class WebRtcSession implements WebRtcPeer.Listener, LiveSession.FrameSink {
    private static final Logger log = LoggerFactory.getLogger(WebRtcSession.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The client's audio waiting to be drawn: 3 s, then the pod is too slow for this session. */
    private static final int QUEUED_PIECES = 300;
    private static final byte[] END = new byte[0];
    /** How long an error or done line may take to leave before the connection is closed. */
    private static final long FLUSH_NANOS = 1_000_000_000L;

    private final String id;
    private final LiveOptions options;
    private final Duration connectLimit;
    private final Consumer<WebRtcSession> closed;
    private final BlockingQueue<byte[]> audio = new ArrayBlockingQueue<>(QUEUED_PIECES);
    private final Thread worker;
    private volatile LiveSession session;
    private volatile WebRtcPeer peer;
    private volatile boolean accepting;
    private volatile boolean overloaded;
    private volatile boolean stopping;
    private volatile RTCPeerConnectionState state = RTCPeerConnectionState.NEW;
    /** When the connection was last seen lost; 0 while it is up. */
    private volatile long lostSince;
    /** The session's sound not yet sent, 16 kHz mono. */
    private float[] sound = new float[LiveOptions.SAMPLE_RATE];
    private int soundHeld;
    private long soundSent;
    private long frames;
    private final byte[] piece = new byte[2 * WebRtcPeer.PIECE];

    WebRtcSession(String id, LiveOptions options, Duration connectLimit, Consumer<WebRtcSession> closed) {
        this.id = id;
        this.options = options;
        this.connectLimit = connectLimit;
        this.closed = closed;
        this.worker = new Thread(this::run, "avatar-webrtc-" + id);
        this.worker.setDaemon(true);
    }

    String id() {
        return id;
    }

    /** Starts drawing with the prepared session once the peer's connection is up. */
    void start(LiveSession prepared, WebRtcPeer answered) {
        this.session = prepared;
        this.peer = answered;
        worker.start();
    }

    /** Ends the session now (DELETE, shutdown); the worker frees the peer and the renderer. */
    void stop() {
        stopping = true;
    }

    /** Nanoseconds the connection has been lost for, 0 while it is up or still coming up. */
    long lostNanos() {
        long since = lostSince;
        return since == 0 ? 0 : System.nanoTime() - since;
    }

    /** Ends the session with a coded error line on its data channel. */
    void fail(ErrorCode code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("code", code.name());
        error.put("message", message);
        WebRtcPeer current = peer;
        if (current != null) {
            current.send(JSON.writeValueAsString(error));
        }
        stopping = true;
    }

    @Override
    public void audio(byte[] pcm, int length) {
        if (!accepting || stopping) {
            return;
        }
        if (!audio.offer(Arrays.copyOf(pcm, length))) {
            overloaded = true;
        }
    }

    @Override
    public void message(String text) {
        try {
            if ("end".equals(JSON.readTree(text).path("type").asString(""))) {
                audio.offer(END);
            }
        } catch (JacksonException e) {
            // Only {"type":"end"} is taken; anything else is not ours to act on.
        }
    }

    @Override
    public void connection(RTCPeerConnectionState changed) {
        state = changed;
        if (changed == RTCPeerConnectionState.CONNECTED) {
            lostSince = 0;
        } else if (changed == RTCPeerConnectionState.DISCONNECTED && lostSince == 0) {
            lostSince = System.nanoTime();
        } else if (changed == RTCPeerConnectionState.FAILED || changed == RTCPeerConnectionState.CLOSED) {
            stopping = true;
        }
    }

    private void run() {
        try {
            if (!connected()) {
                if (!stopping) {
                    fail(ErrorCode.IDLE_TIMEOUT, "The WebRTC connection did not come up within "
                            + connectLimit.toSeconds() + " s: media could not reach the service (see AVATAR_ICE_SERVERS"
                            + " and docs/live.md, \"WebRTC\").");
                }
                return;
            }
            peer.send(ready());
            accepting = true;
            while (!stopping) {
                if (overloaded) {
                    fail(ErrorCode.BUSY, "The service fell " + QUEUED_PIECES / 100 + " s behind the speech; it is"
                            + " serving too many sessions. Try again later.");
                    break;
                }
                byte[] pcm = audio.poll(100, TimeUnit.MILLISECONDS);
                if (pcm == END) {
                    accepting = false;
                    session.end();
                    peer.send(done());
                    break;
                }
                if (pcm != null) {
                    session.accept(pcm, 0, pcm.length);
                }
            }
        } catch (AvatarException e) {
            fail(e.code(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("WebRTC live session {} failed", id, e);
            fail(ErrorCode.INTERNAL_ERROR, "The live session failed unexpectedly; the operator can find the details"
                    + " in the service log.");
        } finally {
            accepting = false;
            flush();
            try {
                peer.close();
            } finally {
                try {
                    session.close();
                } finally {
                    closed.accept(this);
                }
            }
        }
    }

    /** Waits for the connection (and, when the answer sends sound, for the sound to be sending). */
    private boolean connected() throws InterruptedException {
        if (peer.sendsSound()) {
            return peer.awaitSoundSending(connectLimit);
        }
        long deadline = System.nanoTime() + connectLimit.toNanos();
        while (state != RTCPeerConnectionState.CONNECTED) {
            if (stopping || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Gives the last status line a moment to leave before the connection closes. */
    private void flush() {
        long deadline = System.nanoTime() + FLUSH_NANOS;
        try {
            while (peer.bufferedMessageBytes() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            // The data channel hands bytes to SCTP asynchronously: a little more for the last of them.
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String ready() {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("type", "ready");
        ready.put("width", options.width());
        ready.put("height", options.height());
        ready.put("fps", options.fps());
        ready.put("seed", session.seed());
        ready.put("sampleRate", LiveOptions.SAMPLE_RATE);
        ready.put("lookAheadMs", Math.round(options.lookAheadSeconds() * 1000));
        ready.put("renderer", session.renderer());
        ready.put("audio", peer.sendsSound());
        return JSON.writeValueAsString(ready);
    }

    private String done() {
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("type", "done");
        done.put("frames", frames);
        done.put("audioSeconds", session.audioSeconds());
        return JSON.writeValueAsString(done);
    }

    @Override
    public void sound(float[] pcm, int offset, int length) {
        if (soundHeld + length > sound.length) {
            sound = Arrays.copyOf(sound, Math.max(soundHeld + length, 2 * sound.length));
        }
        System.arraycopy(pcm, offset, sound, soundHeld, length);
        soundHeld += length;
    }

    /** Sends the frame, then the sound up to its end, in 10 ms pieces: both leave at the same moment. */
    @Override
    public void frame(FrameMotion motion, RgbImage image) {
        peer.pushFrame(image);
        frames++;
        long due = frames * LiveOptions.SAMPLE_RATE / options.fps();
        int used = 0;
        while (soundHeld - used >= WebRtcPeer.PIECE && soundSent + WebRtcPeer.PIECE <= due) {
            for (int i = 0; i < WebRtcPeer.PIECE; i++) {
                float v = Math.max(-1f, Math.min(1f, sound[used + i]));
                short s = (short) Math.round(v * 32767);
                piece[2 * i] = (byte) s;
                piece[2 * i + 1] = (byte) (s >> 8);
            }
            if (peer.sendsSound()) {
                peer.pushSound(piece);
            }
            used += WebRtcPeer.PIECE;
            soundSent += WebRtcPeer.PIECE;
        }
        System.arraycopy(sound, used, sound, 0, soundHeld - used);
        soundHeld -= used;
    }
}
