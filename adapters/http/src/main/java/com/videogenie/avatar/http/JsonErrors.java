package com.videogenie.avatar.http;

import com.videogenie.avatar.ErrorCode;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;

/**
 * Failures on the plain JSON routes ({@code POST /renderAvatar}, {@code /jobs}): {@code {"error":{...}}} with the
 * same statuses as the failed events, as the CLI prints its errors.
 */
@RestControllerAdvice
class JsonErrors {
    record Body(Failure error) {
    }

    /** An upload over the multipart limits ({@code AVATAR_MAX_UPLOAD_MB}), refused before any file is kept. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<Body> tooLarge(MaxUploadSizeExceededException e) {
        return respond(ErrorCode.REQUEST_TOO_LARGE, "An uploaded file is over the limit (AVATAR_MAX_UPLOAD_MB).",
                HttpHeaders.EMPTY);
    }

    /** A route of this service asked with a method it does not take; {@code Allow} lists those it does. */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Body> wrongMethod(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedMethods() == null ? "" : String.join(", ", e.getSupportedMethods());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ALLOW, allowed);
        return respond(ErrorCode.METHOD_NOT_ALLOWED, e.getMethod() + " is not taken here; use " + allowed + ".", headers);
    }

    /** A multipart body that does not parse. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Body> badMultipart(MultipartException e) {
        return respond(ErrorCode.INVALID_REQUEST, "The multipart/form-data body cannot be read.", HttpHeaders.EMPTY);
    }

    /** A failure with this code's own status and the documented body. */
    private static ResponseEntity<Body> respond(ErrorCode code, String message, HttpHeaders headers) {
        Failure failure = Failure.of(code, message);
        return ResponseEntity.status(failure.status()).headers(headers).body(new Body(failure));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<Body> failed(RuntimeException e) {
        Failure failure = Failure.of(e, null);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(failure.status());
        if (e instanceof BusyException busy) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(busy.retryAfterSeconds()));
        }
        return response.body(new Body(failure));
    }
}
