package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.input.AddressGuard;
import com.videogenie.avatar.input.GuardedHttpClients;
import com.videogenie.avatar.input.HostResolver;
import com.videogenie.avatar.input.RefusedAddressException;
import com.videogenie.avatar.storage.JobNote;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts a request's outcome, the reply event in structured JSON, to its {@code callbackUrl}: signed,
 * after the reply was sent, retried with exponential backoff.
 *
 * <p>The URL is checked when the request arrives (a refused one fails the request before rendering)
 * and again by every attempt's connection, with the rules downloads follow (no internal addresses
 * unless allow-listed): the name is resolved once per attempt and the connection goes to the
 * addresses checked, so DNS rebinding cannot steer it inside the network. Redirects are not
 * followed and no proxy is used. The signature is
 * {@code X-Avatar-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>} with the
 * timestamp (Unix seconds) in {@code X-Avatar-Timestamp}, fresh for each attempt, so a receiver can
 * refuse old or replayed deliveries.
 *
 * <p>A completed job's delivery is also kept beside its stored result ({@code <video>.callback.json},
 * a {@link JobNote}) until it succeeds or is given up, so a pod that stops (SIGTERM past
 * {@link #close()}'s grace, or killed outright) does not lose it: the next pod that answers the job
 * from its stored result and has no callback of its own to send for it posts the kept one
 * ({@link #resume}). Deliveries are at least once: a receiver tells repeats apart by the event id.
 */
final class Webhooks implements AutoCloseable {
    static final String SIGNATURE = "X-Avatar-Signature";
    static final String TIMESTAMP = "X-Avatar-Timestamp";
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final long CLOSE_GRACE_SECONDS = 30;
    /** Beside the video, as the stored result is. */
    static final String NOTE_SUFFIX = ".callback.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookSettings settings;
    private final Clock clock;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService scheduler =
            Executors.newScheduledThreadPool(2, DaemonThreads.named("avatar-webhook"));
    /** The notes of the deliveries this process is making, so a resumed one is not posted twice at once. */
    private final Set<String> delivering = ConcurrentHashMap.newKeySet();

    Webhooks(WebhookSettings settings, Clock clock) {
        this(settings, clock, HostResolver.SYSTEM);
    }

    Webhooks(WebhookSettings settings, Clock clock, HostResolver resolver) {
        this.settings = settings;
        this.clock = clock;
        this.client = GuardedHttpClients.create(settings.allowedHosts(), resolver, settings.timeout(), settings.timeout());
    }

    /** Refuses, before any work, a callback this service would not post to. */
    URI check(String callbackUrl) {
        URI url;
        try {
            url = new URI(callbackUrl);
        } catch (URISyntaxException e) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "callbackUrl is not a valid URL: " + callbackUrl);
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "callbackUrl must be an https: or http: URL, not "
                    + callbackUrl);
        }
        if (settings.secret() == null) {
            throw new AvatarException(ErrorCode.UNSUPPORTED_INPUT, "callbackUrl is not enabled on this service"
                    + " (AVATAR_WEBHOOK_SECRET is not set); leave it out.");
        }
        AddressGuard.checkHost(url, settings.allowedHosts(), "callbackUrl");
        return url;
    }

    /**
     * Posts {@code event} (a structured CloudEvent) to {@code url} on another thread, retrying as
     * configured; with a {@code note}, the delivery is kept there until it is done.
     */
    void send(URI url, byte[] event, JobNote note) {
        Delivery delivery = new Delivery(url, event, note);
        if (note != null) {
            try {
                note.write(JSON.writeValueAsBytes(Map.of("url", url.toString(), "event", JSON.readTree(event))));
                delivering.add(note.location());
            } catch (RuntimeException e) {
                log.warn("Cannot keep the callback to {} at {}; it lives in this process only: {}", url,
                        note.location(), e.toString());
                delivery = new Delivery(url, event, null);
            }
        }
        Delivery first = delivery;
        scheduler.execute(() -> attempt(first, 1));
    }

    /**
     * Posts the delivery kept in {@code note} by a pod that stopped before it succeeded, if there is
     * one and this process is not already making it. The URL is checked again, under this pod's rules.
     */
    void resume(JobNote note) {
        if (!delivering.add(note.location())) {
            return;
        }
        try {
            scheduler.execute(() -> {
                Delivery delivery;
                try {
                    byte[] kept = note.read().orElse(null);
                    if (kept == null) {
                        delivering.remove(note.location());
                        return;
                    }
                    JsonNode tree = JSON.readTree(kept);
                    delivery = new Delivery(check(tree.path("url").asString()), JSON.writeValueAsBytes(tree.get("event")), note);
                } catch (RuntimeException e) {
                    delivering.remove(note.location());
                    log.warn("The callback kept at {} cannot be posted from here; left for another pod: {}",
                            note.location(), e.toString());
                    return;
                }
                log.info("Posting the callback to {} kept at {} by a pod that stopped", delivery.url, note.location());
                attempt(delivery, 1);
            });
        } catch (RejectedExecutionException e) {
            delivering.remove(note.location());
        }
    }

    /** One callback: where, what, and the note that keeps it beyond this process (or null). */
    private record Delivery(URI url, byte[] event, JobNote note) {
        /** Delivered, refused or given up: the note has nothing left to keep. */
        void finish(Set<String> delivering) {
            if (note == null) {
                return;
            }
            delivering.remove(note.location());
            try {
                note.delete();
            } catch (RuntimeException e) {
                log.warn("Cannot remove the kept callback {}: {}", note.location(), e.toString());
            }
        }

        String fate() {
            return note == null ? "dropped" : "kept at " + note.location() + " for the next pod that sees the job";
        }
    }

    private void attempt(Delivery delivery, int attempt) {
        URI url = delivery.url();
        byte[] event = delivery.event();
        String problem;
        long timestamp = clock.instant().getEpochSecond();
        HttpPost post = new HttpPost(url);
        post.setHeader(TIMESTAMP, Long.toString(timestamp));
        post.setHeader(SIGNATURE, signature(settings.secret(), timestamp, event));
        post.setEntity(new ByteArrayEntity(event, ContentType.parse(JsonFormat.CONTENT_TYPE)));
        try (ClassicHttpResponse response = client.executeOpen(null, post, null)) {
            int status = response.getCode();
            // The receiver's body is not read: drop the connection rather than drain it.
            post.cancel();
            if (status / 100 == 2) {
                delivery.finish(delivering);
                return;
            }
            problem = "HTTP " + status;
        } catch (RefusedAddressException e) {
            log.error("Callback to {} refused, not retried: {}", url,
                    AddressGuard.refusal("callbackUrl", e.host(), e.address()).getMessage());
            delivery.finish(delivering);
            return;
        } catch (IOException | RuntimeException e) {
            if (scheduler.isShutdown() && Thread.currentThread().isInterrupted()) {
                log.warn("Callback to {} {}: the service is stopping", url, delivery.fate());
                return;
            }
            problem = e.toString();
        }
        if (attempt >= settings.maxAttempts()) {
            log.error("Callback to {} failed {} times, giving up: {}", url, attempt, problem);
            delivery.finish(delivering);
            return;
        }
        long wait = settings.backoff(attempt + 1).toMillis();
        log.warn("Callback to {} failed (attempt {} of {}: {}); retrying in {} ms", url, attempt,
                settings.maxAttempts(), problem, wait);
        try {
            scheduler.schedule(() -> attempt(delivery, attempt + 1), wait, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.warn("Callback to {} {}: the service is stopping", url, delivery.fate());
        }
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    static String signature(byte[] secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    /**
     * Lets deliveries already due or scheduled run (up to 30 s); retries they would schedule then are
     * dropped from this process, and those with a note stay kept there.
     */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Callbacks still pending after {} s stop here; {} of them are kept beside their results",
                        CLOSE_GRACE_SECONDS, delivering.size());
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            scheduler.shutdownNow();
        }
        try {
            client.close();
        } catch (IOException e) {
            log.debug("Closing the callback client", e);
        }
    }
}
