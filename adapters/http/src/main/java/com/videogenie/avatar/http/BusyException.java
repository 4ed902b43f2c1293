package com.videogenie.avatar.http;

/** Every render slot is taken; the caller should retry after {@link #retryAfterSeconds()}. */
public final class BusyException extends RuntimeException {
    public static final String CODE = "BUSY";
    private final long retryAfterSeconds;

    public BusyException(int slots, long retryAfterSeconds) {
        super("All " + slots + " render slot(s) are busy; retry in " + retryAfterSeconds + " s.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
