package com.videogenie.avatar.http;

import com.videogenie.avatar.EnvironmentValues;
import java.time.Duration;
import java.util.Map;

/**
 * How render jobs ({@code /jobs}) are queued and kept.
 *
 * @param maxQueued      jobs waiting for a render slot, beyond which a new one is refused with 503
 *                       {@code BUSY} ({@code AVATAR_MAX_QUEUED_JOBS}, default 20)
 * @param retention      how long a finished job, its uploads and its local video are kept
 *                       ({@code AVATAR_JOB_RETENTION_MINUTES}, default 60; may be fractional)
 * @param maxUploadBytes the largest uploaded photo or audio file ({@code AVATAR_MAX_UPLOAD_MB}, default 50)
 */
record JobSettings(int maxQueued, Duration retention, long maxUploadBytes) {
    JobSettings {
        if (maxQueued < 0 || retention.isNegative() || retention.isZero() || maxUploadBytes < 1) {
            throw new IllegalArgumentException("AVATAR_MAX_QUEUED_JOBS must be 0 or more, and the retention and"
                    + " upload limit positive");
        }
    }

    static JobSettings fromEnvironment(Map<String, String> env) {
        String minutes = env.getOrDefault("AVATAR_JOB_RETENTION_MINUTES", "60").strip();
        double retention;
        try {
            retention = Double.parseDouble(minutes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("AVATAR_JOB_RETENTION_MINUTES must be a number, got " + minutes, e);
        }
        return new JobSettings((int) EnvironmentValues.number(env, "AVATAR_MAX_QUEUED_JOBS", 20),
                Duration.ofMillis(Math.round(retention * 60_000)),
                EnvironmentValues.number(env, "AVATAR_MAX_UPLOAD_MB", 50) << 20);
    }
}
