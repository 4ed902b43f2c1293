package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.input.AddressGuard;
import com.videogenie.avatar.input.GuardedHttpClients;
import com.videogenie.avatar.input.HostResolver;
import com.videogenie.avatar.input.RefusedAddressException;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.Executors;
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
 * refuse old or replayed deliveries. Retries live in this process: a pod that stops drops them
 * after {@link #close()}'s grace.
 */
final class Webhooks implements AutoCloseable {
    static final String SIGNATURE = "X-Avatar-Signature";
    static final String TIMESTAMP = "X-Avatar-Timestamp";
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
    private static final long CLOSE_GRACE_SECONDS = 30;

    private final WebhookSettings settings;
    private final Clock clock;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService scheduler =
            Executors.newScheduledThreadPool(2, DaemonThreads.named("avatar-webhook"));

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

    /** Posts {@code event} (a structured CloudEvent) to {@code url} on another thread, retrying as configured. */
    void send(URI url, byte[] event) {
        scheduler.execute(() -> attempt(url, event, 1));
    }

    private void attempt(URI url, byte[] event, int attempt) {
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
                return;
            }
            problem = "HTTP " + status;
        } catch (RefusedAddressException e) {
            log.error("Callback to {} refused, not retried: {}", url,
                    AddressGuard.refusal("callbackUrl", e.host(), e.address()).getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            if (scheduler.isShutdown() && Thread.currentThread().isInterrupted()) {
                log.warn("Callback to {} dropped: the service is stopping", url);
                return;
            }
            problem = e.toString();
        }
        if (attempt >= settings.maxAttempts()) {
            log.error("Callback to {} failed {} times, giving up: {}", url, attempt, problem);
            return;
        }
        long wait = settings.backoff(attempt + 1).toMillis();
        log.warn("Callback to {} failed (attempt {} of {}: {}); retrying in {} ms", url, attempt,
                settings.maxAttempts(), problem, wait);
        try {
            scheduler.schedule(() -> attempt(url, event, attempt + 1), wait, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("Callback to {} dropped: the service is stopping", url);
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

    /** Lets deliveries already due or scheduled run (up to 30 s); retries they would schedule then are dropped. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(CLOSE_GRACE_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Callbacks still pending after {} s are dropped", CLOSE_GRACE_SECONDS);
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
