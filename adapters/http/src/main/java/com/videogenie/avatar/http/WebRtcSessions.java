package com.videogenie.avatar.http;

import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.live.LiveOptions;
import com.videogenie.avatar.live.LiveSession;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The open WebRTC sessions: each made from a checked offer, a prepared photo and a peer that
 * answered, in that order, so a wrong offer or a photo without a face is refused before anything is
 * left running; each holds one of the {@link LiveSlots} until it ends. A watchdog ends sessions
 * whose connection stayed lost for the idle timeout.
 */
final class WebRtcSessions implements AutoCloseable {
    /** An opened session: its id (the {@code Location}) and the SDP answer. */
    record Answer(String id, String sdp) {
    }

    private final RenderAvatar renderer;
    private final LiveSettings live;
    private final WebRtcSettings webRtc;
    private final LiveSlots slots;
    private final WebRtcFactories factories = new WebRtcFactories();
    private final Map<String, WebRtcSession> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("avatar-webrtc-idle"));

    WebRtcSessions(RenderAvatar renderer, LiveSettings live, WebRtcSettings webRtc, LiveSlots slots) {
        this.renderer = renderer;
        this.live = live;
        this.webRtc = webRtc;
        this.slots = slots;
        watchdog.scheduleWithFixedDelay(this::endLost, 1, 1, TimeUnit.SECONDS);
    }

    /** Opens a session answering {@code offer}; BUSY (503) when every live slot is taken. */
    Answer open(LiveOptions options, String offer) {
        SdpOffer.check(offer);
        if (!slots.take()) {
            throw new BusyException("All " + slots.max() + " live session(s) are taken; retry in 5 s.", 5);
        }
        LiveSession session = null;
        WebRtcPeer peer = null;
        try {
            WebRtcSession webRtcSession = new WebRtcSession(UUID.randomUUID().toString(), options, live.idleTimeout(),
                    this::closed);
            session = renderer.openLive(options, webRtcSession);
            peer = WebRtcPeer.answering(offer, factories, webRtc, webRtcSession);
            open.put(webRtcSession.id(), webRtcSession);
            webRtcSession.start(session, peer);
            return new Answer(webRtcSession.id(), peer.answer());
        } catch (RuntimeException | Error e) {
            if (peer != null) {
                peer.close();
            }
            if (session != null) {
                session.close();
            }
            slots.release();
            throw e;
        }
    }

    /** Ends a session (DELETE on its Location); false when there is none by that id. */
    boolean end(String id) {
        WebRtcSession session = open.get(id);
        if (session == null) {
            return false;
        }
        session.stop();
        return true;
    }

    /** Sessions now open. */
    int size() {
        return open.size();
    }

    private void closed(WebRtcSession session) {
        if (open.remove(session.id()) != null) {
            slots.release();
        }
    }

    private void endLost() {
        long limit = live.idleTimeout().toNanos();
        for (WebRtcSession session : open.values()) {
            if (session.lostNanos() > limit) {
                session.fail(ErrorCode.IDLE_TIMEOUT, "The WebRTC connection was lost for "
                        + live.idleTimeout().toSeconds() + " s; the session was ended.");
            }
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        open.values().forEach(WebRtcSession::stop);
        // Factories still lent are disposed when their sessions give them back.
        factories.close();
    }
}
