package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import org.springframework.http.HttpStatus;

/**
 * The data of a render.failed event and the body of a failed JSON call: a stable code and a sentence
 * a user can act on, with the HTTP status it travels with.
 *
 * @param code    an {@link ErrorCode} name
 * @param message what went wrong and what to do
 * @param jobId   the job, when known
 */
record Failure(String code, String message, String jobId) {
    /** The code's own status ({@link ErrorCode#httpStatus()}). */
    HttpStatus status() {
        return HttpStatus.valueOf(ErrorCode.valueOf(code).httpStatus());
    }

    static Failure of(Throwable error, String jobId) {
        AvatarException avatar = find(error);
        if (avatar != null) {
            return new Failure(avatar.code().name(), avatar.getMessage(), jobId);
        }
        return new Failure(ErrorCode.INTERNAL_ERROR.name(), "The render failed unexpectedly; the operator can find"
                + " the details in the service log.", jobId);
    }

    static Failure invalid(String message) {
        return of(ErrorCode.INVALID_REQUEST, message);
    }

    static Failure of(ErrorCode code, String message) {
        return new Failure(code.name(), message, null);
    }

    /** The core's error, also when a JSON library wrapped it (the request's constructor validates). */
    static AvatarException find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof AvatarException avatar) {
                return avatar;
            }
        }
        return null;
    }
}
