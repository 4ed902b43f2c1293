package com.videogenie.avatar.http;

import com.videogenie.avatar.EnvironmentValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The service's own settings (the core reads its {@code AVATAR_*} variables itself).
 *
 * @param maxConcurrentRenders renders at once ({@code AVATAR_MAX_CONCURRENT_RENDERS}, default 1: one GPU, one job)
 * @param busyWait             how long a request waits for a slot before 503 ({@code AVATAR_BUSY_WAIT_SECONDS}, default 0)
 * @param retryAfter           the Retry-After given with 503 ({@code AVATAR_RETRY_AFTER_SECONDS}, default 30)
 * @param eventSource          {@code source} of reply events ({@code AVATAR_EVENT_SOURCE})
 * @param warmUpImage          a portrait for the warm-up render ({@code AVATAR_WARMUP_IMAGE}); null for a synthetic one
 * @param warmUpAudio          speech for the warm-up render ({@code AVATAR_WARMUP_AUDIO}); null for generated silence
 * @param rememberedJobs       finished jobs remembered for repeated deliveries ({@code AVATAR_REMEMBERED_JOBS}, default 1000)
 * @param maxRequestBytes      the largest request body on the render routes ({@code AVATAR_MAX_REQUEST_KB}, default 256)
 */
public record ServiceSettings(int maxConcurrentRenders, Duration busyWait, Duration retryAfter, String eventSource,
                             Path warmUpImage, Path warmUpAudio, int rememberedJobs, long maxRequestBytes) {
    public ServiceSettings {
        if (maxConcurrentRenders < 1 || rememberedJobs < 0) {
            throw new IllegalArgumentException("AVATAR_MAX_CONCURRENT_RENDERS must be at least 1");
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("AVATAR_MAX_REQUEST_KB must be at least 1");
        }
    }

    public static ServiceSettings fromEnvironment(Map<String, String> env) {
        return new ServiceSettings(
                (int) EnvironmentValues.number(env, "AVATAR_MAX_CONCURRENT_RENDERS", 1),
                Duration.ofSeconds(EnvironmentValues.number(env, "AVATAR_BUSY_WAIT_SECONDS", 0)),
                Duration.ofSeconds(EnvironmentValues.number(env, "AVATAR_RETRY_AFTER_SECONDS", 30)),
                env.getOrDefault("AVATAR_EVENT_SOURCE", "urn:videogenie:avatar-renderer"),
                path(env.get("AVATAR_WARMUP_IMAGE")), path(env.get("AVATAR_WARMUP_AUDIO")),
                (int) EnvironmentValues.number(env, "AVATAR_REMEMBERED_JOBS", 1000),
                EnvironmentValues.number(env, "AVATAR_MAX_REQUEST_KB", 256) * 1024);
    }

    private static Path path(String value) {
        return value == null || value.isBlank() ? null : Path.of(value.strip());
    }

}
