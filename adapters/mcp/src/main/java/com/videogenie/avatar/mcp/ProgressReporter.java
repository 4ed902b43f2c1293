package com.videogenie.avatar.mcp;

import com.videogenie.avatar.RenderProgress;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code notifications/progress} for a call that carries a progress token: frames done of
 * frames total, at most ten times a second plus the last frame, so a long video does not flood the
 * client. Sending never fails the render; a client that has gone just stops hearing.
 */
final class ProgressReporter implements RenderProgress {
    private static final long MIN_INTERVAL_NANOS = 100_000_000L;
    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final Object token;
    private final Consumer<ProgressNotification> send;
    private long lastSent = System.nanoTime() - MIN_INTERVAL_NANOS;
    private boolean failed;

    ProgressReporter(Object token, Consumer<ProgressNotification> send) {
        this.token = token;
        this.send = send;
    }

    @Override
    public void frames(int done, int total) {
        long now = System.nanoTime();
        if (done < total && now - lastSent < MIN_INTERVAL_NANOS) {
            return;
        }
        lastSent = now;
        try {
            send.accept(new ProgressNotification(token, (double) done, (double) total,
                    "Rendered " + done + " of " + total + " frames", null));
        } catch (RuntimeException e) {
            if (!failed) {
                log.warn("Cannot send progress for token {}: {}", token, e.toString());
                failed = true;
            }
        }
    }
}
