package com.videogenie.avatar;

/**
 * Stable error codes. Adapters map them to exit codes and HTTP statuses; their names never change
 * once released, because clients branch on them.
 */
public enum ErrorCode {
    INVALID_REQUEST(Kind.BAD_INPUT),
    INPUT_NOT_FOUND(Kind.BAD_INPUT),
    PATH_NOT_ALLOWED(Kind.BAD_INPUT),
    UNSUPPORTED_INPUT(Kind.BAD_INPUT),
    UNREADABLE_IMAGE(Kind.BAD_INPUT),
    IMAGE_TOO_LARGE(Kind.BAD_INPUT),
    NO_FACE_DETECTED(Kind.NO_FACE),
    UNREADABLE_AUDIO(Kind.BAD_INPUT),
    EMPTY_AUDIO(Kind.BAD_INPUT),
    AUDIO_TOO_LONG(Kind.BAD_INPUT),
    OUTPUT_NOT_WRITABLE(Kind.BAD_INPUT),
    INPUT_TOO_LARGE(Kind.BAD_INPUT),
    CANCELLED(Kind.CANCELLED),
    MODEL_UNAVAILABLE(Kind.INTERNAL),
    MODEL_CHECKSUM_MISMATCH(Kind.INTERNAL),
    ENCODER_FAILED(Kind.INTERNAL),
    INTERNAL_ERROR(Kind.INTERNAL);

    /** Who has to act: the caller (bad input, no face), nobody (cancelled), or the operator. */
    public enum Kind { BAD_INPUT, NO_FACE, CANCELLED, INTERNAL }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** True when the caller can fix the problem by changing the request or its inputs. */
    public boolean isCallerError() {
        return kind == Kind.BAD_INPUT || kind == Kind.NO_FACE;
    }
}
