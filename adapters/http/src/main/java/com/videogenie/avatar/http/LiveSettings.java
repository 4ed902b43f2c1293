package com.videogenie.avatar.http;

import com.videogenie.avatar.EnvironmentValues;
import java.time.Duration;
import java.util.Map;

/**
 * Limits of the live WebSocket ({@code /live}).
 *
 * @param maxSessions   live sessions at once ({@code AVATAR_MAX_LIVE_SESSIONS}, default 4); more are refused with 503
 * @param idleTimeout   a session that sends nothing this long is ended ({@code AVATAR_LIVE_IDLE_SECONDS}, default 15)
 * @param maxSeconds    longest session, in seconds of audio ({@code AVATAR_LIVE_MAX_SECONDS}, default 600)
 * @param queuedFrames  fragments waiting for a slow client before the session is ended
 *                      ({@code AVATAR_LIVE_QUEUE_FRAMES}, default 50: two seconds at 25 fps)
 * @param fillAfter     a pause in the client's audio after which the server draws silence, so the
 *                      face rests instead of freezing ({@code AVATAR_LIVE_FILL_AFTER_MS}, default 250)
 */
record LiveSettings(int maxSessions, Duration idleTimeout, double maxSeconds, int queuedFrames, Duration fillAfter) {
    LiveSettings {
        if (maxSessions < 0 || idleTimeout.isNegative() || idleTimeout.isZero() || !(maxSeconds > 0)
                || queuedFrames < 1 || fillAfter.isNegative() || fillAfter.isZero()) {
            throw new IllegalArgumentException("AVATAR_MAX_LIVE_SESSIONS must be 0 or more; AVATAR_LIVE_IDLE_SECONDS,"
                    + " AVATAR_LIVE_MAX_SECONDS, AVATAR_LIVE_QUEUE_FRAMES and AVATAR_LIVE_FILL_AFTER_MS must be"
                    + " positive");
        }
    }

    static LiveSettings fromEnvironment(Map<String, String> env) {
        return new LiveSettings((int) EnvironmentValues.number(env, "AVATAR_MAX_LIVE_SESSIONS", 4),
                Duration.ofSeconds(EnvironmentValues.number(env, "AVATAR_LIVE_IDLE_SECONDS", 15)),
                EnvironmentValues.number(env, "AVATAR_LIVE_MAX_SECONDS", 600),
                (int) EnvironmentValues.number(env, "AVATAR_LIVE_QUEUE_FRAMES", 50),
                Duration.ofMillis((long) EnvironmentValues.number(env, "AVATAR_LIVE_FILL_AFTER_MS", 250)));
    }
}
