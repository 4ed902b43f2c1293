package com.videogenie.avatar;

/**
 * Stable error codes, each with the HTTP status the service answers it with. Adapters map them to
 * exit codes, tool errors and HTTP statuses; their names never change once released, because
 * clients branch on them.
 */
public enum ErrorCode {
    INVALID_REQUEST(Kind.BAD_INPUT, 400),
    INPUT_NOT_FOUND(Kind.BAD_INPUT, 400),
    PATH_NOT_ALLOWED(Kind.BAD_INPUT, 400),
    UNSUPPORTED_INPUT(Kind.BAD_INPUT, 400),
    UNREADABLE_IMAGE(Kind.BAD_INPUT, 400),
    IMAGE_TOO_LARGE(Kind.BAD_INPUT, 400),
    NO_FACE_DETECTED(Kind.NO_FACE, 422),
    UNREADABLE_AUDIO(Kind.BAD_INPUT, 400),
    EMPTY_AUDIO(Kind.BAD_INPUT, 400),
    AUDIO_TOO_LONG(Kind.BAD_INPUT, 400),
    UNREADABLE_VIDEO(Kind.BAD_INPUT, 400),
    VIDEO_TOO_LONG(Kind.BAD_INPUT, 400),
    OUTPUT_NOT_WRITABLE(Kind.BAD_INPUT, 400),
    INPUT_TOO_LARGE(Kind.BAD_INPUT, 400),
    /** The route does not exist. */
    NOT_FOUND(Kind.BAD_INPUT, 404),
    /** The route exists but not for this method; the answer lists the allowed ones. */
    METHOD_NOT_ALLOWED(Kind.BAD_INPUT, 405),
    /** The request body is over the configured limit. */
    REQUEST_TOO_LARGE(Kind.BAD_INPUT, 413),
    /** The body's Content-Type is not one the route reads. */
    UNSUPPORTED_MEDIA_TYPE(Kind.BAD_INPUT, 415),
    /** A render job asked for its video before it has one (queued, rendering, failed or cancelled). */
    NOT_FINISHED(Kind.BAD_INPUT, 409),
    /**
     * The request names a model whose weights are not licensed for commercial use (Wav2Lip, Diff2Lip)
     * or not clearly (FOMM, GFPGAN), and the operator has not set AVATAR_ALLOW_NONCOMMERCIAL=true.
     */
    LICENSE_NOT_ACCEPTED(Kind.BAD_INPUT, 403),
    /** A live session sent nothing for too long. */
    IDLE_TIMEOUT(Kind.BAD_INPUT, 408),
    /** A live client did not take its video fast enough. */
    CLIENT_TOO_SLOW(Kind.BAD_INPUT, 408),
    /** A WebRTC offer that is not SDP, or has no video section the avatar can be sent in. */
    INVALID_SDP(Kind.BAD_INPUT, 400),
    /** A WebRTC offer that sends no audio: nothing would drive the face. */
    NO_AUDIO_TRACK(Kind.BAD_INPUT, 400),
    /** Every render slot is taken; retry after the time the answer gives. */
    BUSY(Kind.CANCELLED, 503),
    CANCELLED(Kind.CANCELLED, 503),
    MODEL_UNAVAILABLE(Kind.INTERNAL, 500),
    MODEL_CHECKSUM_MISMATCH(Kind.INTERNAL, 500),
    ENCODER_FAILED(Kind.INTERNAL, 500),
    INTERNAL_ERROR(Kind.INTERNAL, 500);

    /** Who has to act: the caller (bad input, no face), nobody (cancelled, busy: retry), or the operator. */
    public enum Kind { BAD_INPUT, NO_FACE, CANCELLED, INTERNAL }

    private final Kind kind;
    private final int httpStatus;

    ErrorCode(Kind kind, int httpStatus) {
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** The status the HTTP service answers this code with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True when the caller can fix the problem by changing the request or its inputs. */
    public boolean isCallerError() {
        return kind == Kind.BAD_INPUT || kind == Kind.NO_FACE;
    }
}
