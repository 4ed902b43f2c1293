package com.videogenie.avatar.http;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * libwebrtc factories, each with its own headless audio device, lent to one peer at a time and
 * kept for the next. One per peer, because the device's capture path feeds every sending stream of
 * its factory ({@link WebRtcPeer}); kept, because webrtc-java does not give back all of a disposed
 * factory's memory (measured: about 0.5 MB per factory created and disposed, with no call made), so
 * a factory per session would grow the pod by that much per session for as long as it runs. At most
 * as many exist as sessions were ever open at once.
 */
final class WebRtcFactories implements AutoCloseable {
    /** A factory and its device, lent to one peer. */
    record Lease(PeerConnectionFactory factory, HeadlessAudioDeviceModule device) {
    }

    private final Deque<Lease> idle = new ArrayDeque<>();
    private boolean closed;

    synchronized Lease borrow() {
        Lease lease = idle.pollFirst();
        if (lease != null) {
            return lease;
        }
        HeadlessAudioDeviceModule device = new HeadlessAudioDeviceModule();
        return new Lease(new PeerConnectionFactory(device), device);
    }

    /** Back from a peer whose connection is closed and whose sources are disposed. */
    synchronized void giveBack(Lease lease) {
        if (closed) {
            dispose(lease);
        } else {
            idle.addFirst(lease);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        while (!idle.isEmpty()) {
            dispose(idle.pollFirst());
        }
    }

    private static void dispose(Lease lease) {
        lease.factory().dispose();
        lease.device().dispose();
    }
}
