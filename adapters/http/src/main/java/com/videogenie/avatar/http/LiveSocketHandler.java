package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.live.IdleFill;
import com.videogenie.avatar.live.LiveOptions;
import com.videogenie.avatar.live.LiveVideo;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /live}: a talking avatar streamed while the speech arrives ({@code docs/live.md}). It only
 * translates the protocol: the first text message becomes {@link LiveOptions}, binary messages are
 * PCM for the core's {@link LiveVideo}, whose fragments and status events go back. Sessions
 * beyond {@link LiveSettings#maxSessions} are refused at the handshake with 503.
 * <p>
 * Messages arrive in pieces: Tomcat keeps a buffer as large as the message size limit for each
 * session, and the start message may carry a 10 MB photo, so text is joined here, up to
 * {@link #MAX_TEXT_CHARS}, only as long as the message needs, and audio is taken piece by piece.
 */
final class LiveSocketHandler extends AbstractWebSocketHandler implements HandshakeInterceptor, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveSocketHandler.class);
    /** Duplicate keys are refused, as in request JSON: which of two values would count is a guess. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final String SLOT = "avatar.live.slot";
    /**
     * How long one send may wait for a client that takes nothing (Tomcat's default is 20 s); the
     * connection is then dropped, so a stalled reader holds neither a session slot nor a thread for long.
     */
    static final long SEND_TIMEOUT_MS = 5_000;
    /** Largest photo a client may upload in the start message ({@code image}, base64). */
    static final int MAX_IMAGE_BYTES = 10 << 20;
    /** The start message with the largest photo in base64 and room for the other fields. */
    static final int MAX_TEXT_CHARS = 4 * ((MAX_IMAGE_BYTES + 2) / 3) + 4096;

    private final RenderAvatar renderer;
    private final LiveSettings settings;
    private final LiveSlots slots;
    private final Map<String, LiveStream> streams = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newCachedThreadPool(DaemonThreads.named("avatar-live-send"));
    /** Draws silence for streams whose audio paused; one thread per core, as drawing is CPU work. */
    private final ScheduledExecutorService pacer = Executors.newScheduledThreadPool(
            Runtime.getRuntime().availableProcessors(), DaemonThreads.named("avatar-live-pace"));
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("avatar-live-idle"));

    LiveSocketHandler(RenderAvatar renderer, LiveSettings settings, LiveSlots slots) {
        this.renderer = renderer;
        this.settings = settings;
        this.slots = slots;
        watchdog.scheduleWithFixedDelay(this::endIdle, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) {
        if (!slots.take()) {
            return refuse(response);
        }
        attributes.put(SLOT, Boolean.TRUE);
        return true;
    }

    private static boolean refuse(ServerHttpResponse response) {
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        response.getHeaders().add("Retry-After", "5");
        return false;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception failure) {
        // A failed upgrade never reaches afterConnectionClosed, which gives back the slots of sessions.
        if (failure != null) {
            slots.release();
        }
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession socket) {
        if (socket instanceof NativeWebSocketSession wrapper
                && wrapper.getNativeSession() instanceof jakarta.websocket.Session container) {
            container.getUserProperties().put("org.apache.tomcat.websocket.BLOCKING_SEND_TIMEOUT", SEND_TIMEOUT_MS);
        }
        streams.put(socket.getId(), new LiveStream(socket, settings.queuedFrames(), senders));
    }

    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    protected void handleTextMessage(WebSocketSession socket, TextMessage message) {
        LiveStream stream = streams.get(socket.getId());
        if (stream == null) {
            return;
        }
        stream.touch();
        if (stream.pendingText() + message.getPayload().length() > MAX_TEXT_CHARS) {
            stream.fail(ErrorCode.INPUT_TOO_LARGE.name(), "A text message may be at most " + MAX_TEXT_CHARS
                    + " characters: the start message with a photo (image) of at most " + (MAX_IMAGE_BYTES >> 20)
                    + " MB. Send a smaller photo.");
            return;
        }
        String text = stream.join(message.getPayload(), message.isLast());
        if (text == null) {
            return;
        }
        JsonNode json;
        try {
            json = JSON.readTree(text);
        } catch (JacksonException e) {
            stream.fail(ErrorCode.INVALID_REQUEST.name(), "Text messages must be JSON: " + e.getOriginalMessage());
            return;
        }
        if (!stream.started()) {
            start(stream, json);
        } else if ("end".equals(json.path("type").asString(""))) {
            run(stream, stream::end);
        } else {
            stream.fail(ErrorCode.INVALID_REQUEST.name(), "After the start message only binary audio and"
                    + " {\"type\":\"end\"} are accepted.");
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession socket, BinaryMessage message) {
        LiveStream stream = streams.get(socket.getId());
        if (stream == null) {
            return;
        }
        if (!stream.started()) {
            stream.fail(ErrorCode.INVALID_REQUEST.name(), "Send the start message (JSON with avatarUrl or image)"
                    + " before audio.");
            return;
        }
        ByteBuffer payload = message.getPayload();
        if (payload.hasArray()) {
            // The session reads the bytes before this returns, so the message's own array will do.
            run(stream, () -> stream.audio(payload.array(), payload.arrayOffset() + payload.position(),
                    payload.remaining()));
        } else {
            byte[] pcm = new byte[payload.remaining()];
            payload.get(pcm);
            run(stream, () -> stream.audio(pcm, 0, pcm.length));
        }
    }

    private void start(LiveStream stream, JsonNode json) {
        LiveOptions options;
        boolean idleVideo;
        boolean withSound;
        try {
            StrictFields start = new StrictFields(json, "Invalid start message");
            options = LiveStart.options(start, image(start), settings.maxSeconds());
            idleVideo = start.bool("idleVideo", true);
            withSound = start.bool("audio", true);
        } catch (IllegalArgumentException e) {
            stream.fail(ErrorCode.INVALID_REQUEST.name(), e.getMessage().startsWith("Invalid start message")
                    ? e.getMessage() : "Invalid start message: " + e.getMessage());
            return;
        } catch (AvatarException e) {
            stream.fail(e.code().name(), e.getMessage());
            return;
        }
        run(stream, () -> {
            IdleFill idle = idleVideo ? new IdleFill(settings.fillAfter().toMillis() / 1000.0, LiveOptions.SAMPLE_RATE)
                    : null;
            stream.start(renderer.streamLive(options, idle, withSound, stream));
            if (idleVideo) {
                long period = Math.max(1, 1000 / options.fps());
                stream.pacedBy(pacer.scheduleAtFixedRate(() -> run(stream, stream::keepPace), period, period,
                        TimeUnit.MILLISECONDS));
            }
        });
    }

    /** The uploaded photo's bytes from {@code image} (base64), or null without it. */
    private static byte[] image(StrictFields start) {
        String base64 = start.text("image");
        if (base64 == null) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("image must be the photo file in base64: " + e.getMessage());
        }
        if (bytes.length > MAX_IMAGE_BYTES) {
            throw new AvatarException(ErrorCode.INPUT_TOO_LARGE, "The photo (image) is " + bytes.length
                    + " bytes; at most " + (MAX_IMAGE_BYTES >> 20) + " MB are accepted. Send a smaller photo.");
        }
        return bytes;
    }

    /** Runs a step of the stream; a failure ends it with the core's code and sentence. */
    private static void run(LiveStream stream, Runnable step) {
        try {
            step.run();
        } catch (AvatarException e) {
            stream.fail(e.code().name(), e.getMessage());
        } catch (RuntimeException e) {
            log.error("Live session failed", e);
            stream.fail(ErrorCode.INTERNAL_ERROR.name(), "The live session failed unexpectedly; the operator can"
                    + " find the details in the service log.");
        }
    }

    private void endIdle() {
        long limit = settings.idleTimeout().toNanos();
        for (LiveStream stream : streams.values()) {
            if (stream.idleNanos() > limit) {
                stream.fail(ErrorCode.IDLE_TIMEOUT.name(), "Nothing was received for "
                        + settings.idleTimeout().toSeconds() + " s; the session was ended.");
            }
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession socket, CloseStatus status) {
        LiveStream stream = streams.remove(socket.getId());
        if (stream != null) {
            stream.close();
        }
        if (socket.getAttributes().remove(SLOT) != null) {
            slots.release();
        }
    }

    /** Live sessions now open, WebRTC ones included. */
    int sessions() {
        return slots.open();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        pacer.shutdownNow();
        senders.shutdownNow();
    }
}
