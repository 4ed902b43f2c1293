package com.videogenie.avatar.input;

import com.videogenie.avatar.EnvironmentValues;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How {@code https:} and {@code http:} inputs are downloaded.
 *
 * @param maxBytes       largest accepted download ({@code AVATAR_FETCH_MAX_MB}, default 200)
 * @param connectTimeout time to open the connection ({@code AVATAR_FETCH_CONNECT_TIMEOUT_SECONDS}, default 10)
 * @param readTimeout    longest wait for the next bytes ({@code AVATAR_FETCH_READ_TIMEOUT_SECONDS}, default 30)
 * @param totalTimeout   longest whole download ({@code AVATAR_FETCH_TOTAL_TIMEOUT_SECONDS}, default 300)
 * @param maxRedirects   redirects followed, each one checked again ({@code AVATAR_FETCH_MAX_REDIRECTS}, default 5)
 * @param allowedHosts   host names or IP literals exempt from the internal-address guard
 *                       ({@code AVATAR_FETCH_ALLOWED_HOSTS}, comma-separated; for tests and trusted in-cluster hosts)
 */
public record FetchSettings(long maxBytes, Duration connectTimeout, Duration readTimeout, Duration totalTimeout,
                            int maxRedirects, Set<String> allowedHosts) {
    public FetchSettings {
        if (maxBytes <= 0 || maxRedirects < 0) {
            throw new IllegalArgumentException("the download limit must be positive and redirects not negative");
        }
        allowedHosts = allowedHosts.stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public static FetchSettings defaults() {
        return new FetchSettings(200L << 20, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(5),
                5, Set.of());
    }

    public static FetchSettings fromEnvironment(Map<String, String> env) {
        FetchSettings d = defaults();
        String hosts = env.getOrDefault("AVATAR_FETCH_ALLOWED_HOSTS", "");
        try {
            return new FetchSettings(
                    EnvironmentValues.number(env, "AVATAR_FETCH_MAX_MB", d.maxBytes() >> 20) << 20,
                    seconds(env, "AVATAR_FETCH_CONNECT_TIMEOUT_SECONDS", d.connectTimeout()),
                    seconds(env, "AVATAR_FETCH_READ_TIMEOUT_SECONDS", d.readTimeout()),
                    seconds(env, "AVATAR_FETCH_TOTAL_TIMEOUT_SECONDS", d.totalTimeout()),
                    (int) EnvironmentValues.number(env, "AVATAR_FETCH_MAX_REDIRECTS", d.maxRedirects()),
                    Set.copyOf(Arrays.asList(hosts.split(","))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid AVATAR_FETCH_* setting: " + e.getMessage(), e);
        }
    }

    /** The same settings with the guard lifted for these hosts (tests serve from 127.0.0.1). */
    public FetchSettings allowingHosts(String... hosts) {
        return new FetchSettings(maxBytes, connectTimeout, readTimeout, totalTimeout, maxRedirects, Set.of(hosts));
    }

    private static Duration seconds(Map<String, String> env, String name, Duration fallback) {
        return Duration.ofSeconds(EnvironmentValues.number(env, name, fallback.toSeconds()));
    }

    public FetchSettings withMaxBytes(long bytes) {
        return new FetchSettings(bytes, connectTimeout, readTimeout, totalTimeout, maxRedirects, allowedHosts);
    }

    public FetchSettings withReadTimeout(Duration timeout) {
        return new FetchSettings(maxBytes, connectTimeout, timeout, totalTimeout, maxRedirects, allowedHosts);
    }

}
