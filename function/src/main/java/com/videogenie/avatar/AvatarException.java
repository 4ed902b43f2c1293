package com.videogenie.avatar;

/** A render failure with a stable {@link ErrorCode} and a message a user can act on. */
public class AvatarException extends RuntimeException {
    private final ErrorCode code;

    public AvatarException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public AvatarException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The job was stopped by an interrupt of its thread (a cancelled tool call, a shut-down service). */
    public static AvatarException cancelled() {
        return new AvatarException(ErrorCode.CANCELLED, "The render was cancelled.");
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String toString() {
        return code + ": " + getMessage();
    }
}
