package com.videogenie.avatar.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live sessions this pod serves at once, over the WebSocket and WebRTC together, as both draw
 * on the same cores: beyond {@link LiveSettings#maxSessions} a new one is refused (503), and while
 * the pod drains for shutdown every new one is.
 */
final class LiveSlots {
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean draining;

    LiveSlots(int max) {
        this.max = max;
    }

    /** Takes a slot for a new session; false when all are taken or the pod is draining. */
    boolean take() {
        if (draining) {
            return false;
        }
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives back a slot taken by {@link #take}. */
    void release() {
        open.decrementAndGet();
    }

    /** For shutdown: from now on new sessions are refused. */
    void refuseNew() {
        draining = true;
    }

    /**
     * For shutdown: waits up to {@code grace} for the open sessions to end, so a pod that scales
     * down does not cut a face off mid-sentence. False if some are still open.
     */
    boolean awaitNone(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (open.get() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** Sessions now open. */
    int open() {
        return open.get();
    }

    int max() {
        return max;
    }
}
