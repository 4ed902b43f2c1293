package com.videogenie.avatar.http;

import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.live.LiveOptions;

/** A live session's options, the same fields and defaults whichever transport brings them. */
final class LiveStart {
    private LiveStart() {
    }

    /**
     * @param image      the uploaded photo's bytes, or null when {@code avatarUrl} names it
     * @param maxSeconds the operator's limit on a session ({@link LiveSettings#maxSeconds})
     */
    static LiveOptions options(LiveFields fields, byte[] image, double maxSeconds) {
        return new LiveOptions(fields.text("avatarUrl"), image,
                fields.integer("width", RenderRequest.DEFAULT_SIZE),
                fields.integer("height", RenderRequest.DEFAULT_SIZE),
                fields.integer("fps", RenderRequest.DEFAULT_FPS),
                fields.longInteger("seed"),
                fields.number("lookAheadMs", LiveOptions.DEFAULT_LOOK_AHEAD_SECONDS * 1000) / 1000,
                maxSeconds, fields.text("renderer"));
    }
}
