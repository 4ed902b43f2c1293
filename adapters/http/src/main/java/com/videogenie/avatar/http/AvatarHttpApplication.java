package com.videogenie.avatar.http;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/** {@code ./avatar serve}: listens on {@code $PORT} (default 8080), ready once the models are warm. */
@SpringBootApplication
public class AvatarHttpApplication {
    private static final Logger log = LoggerFactory.getLogger(AvatarHttpApplication.class);

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(AvatarHttpApplication.class, args);
        drainOnSigterm(context);
    }

    /**
     * On SIGTERM, let running renders and live sessions finish before the JVM starts shutting down.
     * The native model runtimes free their sessions in JVM shutdown hooks, which run alongside
     * Spring's graceful shutdown; a render or live frame still running then would crash, and Tomcat's
     * graceful shutdown does not wait for WebSocket sessions. So: refuse new renders and sessions
     * (503), wait for the running ones (up to {@code AVATAR_SHUTDOWN_GRACE_SECONDS} for both), then
     * exit, and Spring's graceful shutdown sends the last replies.
     */
    private static void drainOnSigterm(ConfigurableApplicationContext context) {
        RenderService service = context.getBean(RenderService.class);
        LiveSlots live = context.getBean(LiveSlots.class);
        Duration grace = Duration.ofSeconds(Long.parseLong(
                context.getEnvironment().getProperty("AVATAR_SHUTDOWN_GRACE_SECONDS", "600")));
        Signal.handle(new Signal("TERM"), signal -> new Thread(() -> {
            log.info("SIGTERM: finishing running renders and live sessions (up to {} s) before exiting",
                    grace.toSeconds());
            long deadline = System.nanoTime() + grace.toNanos();
            live.refuseNew();
            try {
                if (!service.drain(grace)) {
                    log.warn("Renders still running after {} s; exiting anyway", grace.toSeconds());
                }
                if (!live.awaitNone(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    log.warn("Live sessions still open after {} s; exiting anyway", grace.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.exit(128 + signal.getNumber());
        }, "avatar-drain").start());
    }
}
