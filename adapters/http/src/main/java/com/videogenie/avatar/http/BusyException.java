package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;

/** Every render slot is taken ({@link ErrorCode#BUSY}); the caller should retry after {@link #retryAfterSeconds()}. */
public final class BusyException extends AvatarException {
    private final long retryAfterSeconds;

    public BusyException(int slots, long retryAfterSeconds) {
        this("All " + slots + " render slot(s) are busy; retry in " + retryAfterSeconds + " s.", retryAfterSeconds);
    }

    public BusyException(String message, long retryAfterSeconds) {
        super(ErrorCode.BUSY, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
