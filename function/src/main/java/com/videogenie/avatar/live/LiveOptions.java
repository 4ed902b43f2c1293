package com.videogenie.avatar.live;

import com.videogenie.avatar.RenderRequest;

/**
 * What a live session renders. The photo comes from exactly one of {@code avatarUrl} and {@code image}.
 *
 * @param avatarUrl        the photo, under the same rules as a render's {@code avatarUrl}; null with {@code image}
 * @param image            the photo's file bytes (JPEG, PNG, WebP, BMP), as a client uploads it; null with
 *                         {@code avatarUrl}
 * @param width            even, 64-2048 (a render's default: {@link RenderRequest#DEFAULT_SIZE})
 * @param height           even, 64-2048
 * @param fps              1-60 ({@link RenderRequest#DEFAULT_FPS})
 * @param seed             head motion and blinks; null picks one
 * @param lookAheadSeconds sound after a frame's own that is waited for before it is drawn, 0-0.12:
 *                         more gives the mouth more of the coming sound to anticipate, less lowers
 *                         the delay
 * @param maxSeconds       longest stream; blinks are planned this far
 * @param renderer         which backend draws the frames, as a render's {@code renderer}; null for {@code auto}
 */
public record LiveOptions(String avatarUrl, byte[] image, int width, int height, int fps, Long seed,
                          double lookAheadSeconds, double maxSeconds, String renderer) {
    public static final double DEFAULT_LOOK_AHEAD_SECONDS = 0.08;
    public static final double MAX_LOOK_AHEAD_SECONDS = 0.12;
    public static final double DEFAULT_MAX_SECONDS = 600;
    /** Live audio: 16 kHz mono, signed 16-bit little-endian. */
    public static final int SAMPLE_RATE = 16_000;

    public LiveOptions {
        boolean hasUrl = avatarUrl != null && !avatarUrl.isBlank();
        boolean hasImage = image != null && image.length > 0;
        if (hasUrl == hasImage) {
            throw new IllegalArgumentException("give exactly one of avatarUrl and image (the photo's bytes)");
        }
        // One source left set, so the session never has to guess which one counts.
        avatarUrl = hasUrl ? avatarUrl : null;
        image = hasImage ? image.clone() : null;
        if (!evenSize(width) || !evenSize(height)) {
            throw new IllegalArgumentException("width and height must be even, " + RenderRequest.MIN_SIZE + "-"
                    + RenderRequest.MAX_SIZE + ": " + width + "x" + height);
        }
        if (fps < 1 || fps > RenderRequest.MAX_FPS) {
            throw new IllegalArgumentException("fps must be 1-" + RenderRequest.MAX_FPS + ": " + fps);
        }
        if (!(lookAheadSeconds >= 0 && lookAheadSeconds <= MAX_LOOK_AHEAD_SECONDS)) {
            throw new IllegalArgumentException("lookAheadSeconds must be 0-" + MAX_LOOK_AHEAD_SECONDS + ": "
                    + lookAheadSeconds);
        }
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds must be positive: " + maxSeconds);
        }
        renderer = renderer == null || renderer.isBlank() ? RenderRequest.AUTO_RENDERER : renderer.strip();
    }

    /** Options that let the service choose the renderer. */
    public LiveOptions(String avatarUrl, byte[] image, int width, int height, int fps, Long seed,
                       double lookAheadSeconds, double maxSeconds) {
        this(avatarUrl, image, width, height, fps, seed, lookAheadSeconds, maxSeconds, null);
    }

    private static boolean evenSize(int pixels) {
        return pixels >= RenderRequest.MIN_SIZE && pixels <= RenderRequest.MAX_SIZE && pixels % 2 == 0;
    }

    /** A render's default size and rate, with the default look-ahead and length. */
    public static LiveOptions of(String avatarUrl) {
        return new LiveOptions(avatarUrl, null, RenderRequest.DEFAULT_SIZE, RenderRequest.DEFAULT_SIZE,
                RenderRequest.DEFAULT_FPS, null, DEFAULT_LOOK_AHEAD_SECONDS, DEFAULT_MAX_SECONDS);
    }

    /** As {@link #of(String)}, for a photo given as its file bytes. */
    public static LiveOptions ofImage(byte[] image) {
        return new LiveOptions(null, image, RenderRequest.DEFAULT_SIZE, RenderRequest.DEFAULT_SIZE,
                RenderRequest.DEFAULT_FPS, null, DEFAULT_LOOK_AHEAD_SECONDS, DEFAULT_MAX_SECONDS);
    }

    /** A copy: the options stay as they were validated. */
    @Override
    public byte[] image() {
        return image == null ? null : image.clone();
    }

    public LiveOptions withSize(int newWidth, int newHeight, int newFps) {
        return new LiveOptions(avatarUrl, image, newWidth, newHeight, newFps, seed, lookAheadSeconds, maxSeconds,
                renderer);
    }

    public LiveOptions withSeed(long newSeed) {
        return new LiveOptions(avatarUrl, image, width, height, fps, newSeed, lookAheadSeconds, maxSeconds, renderer);
    }

    public LiveOptions withMaxSeconds(double seconds) {
        return new LiveOptions(avatarUrl, image, width, height, fps, seed, lookAheadSeconds, seconds, renderer);
    }

    public LiveOptions withRenderer(String newRenderer) {
        return new LiveOptions(avatarUrl, image, width, height, fps, seed, lookAheadSeconds, maxSeconds, newRenderer);
    }
}
