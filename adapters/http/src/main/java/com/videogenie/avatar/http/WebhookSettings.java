package com.videogenie.avatar.http;

import com.videogenie.avatar.EnvironmentValues;
import com.videogenie.avatar.input.FetchSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How outcomes are posted to a request's {@code callbackUrl}.
 *
 * @param secret       HMAC-SHA256 key for the signature ({@code AVATAR_WEBHOOK_SECRET}); null refuses callbacks
 * @param maxAttempts  attempts per callback, the first included ({@code AVATAR_WEBHOOK_ATTEMPTS}, default 5)
 * @param firstRetry   wait before the second attempt, doubling after each ({@code AVATAR_WEBHOOK_RETRY_MILLIS},
 *                     default 2000)
 * @param timeout      connecting and answering, per attempt ({@code AVATAR_WEBHOOK_TIMEOUT_SECONDS}, default 10)
 * @param allowedHosts hosts exempt from the internal-address guard: the download allow-list
 *                     ({@code AVATAR_FETCH_ALLOWED_HOSTS})
 */
record WebhookSettings(byte[] secret, int maxAttempts, Duration firstRetry, Duration timeout, Set<String> allowedHosts) {
    WebhookSettings {
        if (maxAttempts < 1 || maxAttempts > 20 || firstRetry.isNegative() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("AVATAR_WEBHOOK_ATTEMPTS must be 1-20 and the webhook times positive");
        }
        allowedHosts = Set.copyOf(allowedHosts);
    }

    static WebhookSettings fromEnvironment(Map<String, String> env) {
        String secret = env.get("AVATAR_WEBHOOK_SECRET");
        return new WebhookSettings(secret == null || secret.isBlank() ? null : secret.strip().getBytes(StandardCharsets.UTF_8),
                (int) EnvironmentValues.number(env, "AVATAR_WEBHOOK_ATTEMPTS", 5),
                Duration.ofMillis(EnvironmentValues.number(env, "AVATAR_WEBHOOK_RETRY_MILLIS", 2000)),
                Duration.ofSeconds(EnvironmentValues.number(env, "AVATAR_WEBHOOK_TIMEOUT_SECONDS", 10)),
                FetchSettings.fromEnvironment(env).allowedHosts());
    }

    /** The wait before attempt {@code attempt} (2 and later): the first retry's, doubled each time. */
    Duration backoff(int attempt) {
        return firstRetry.multipliedBy(1L << Math.min(attempt - 2, 20));
    }

}
