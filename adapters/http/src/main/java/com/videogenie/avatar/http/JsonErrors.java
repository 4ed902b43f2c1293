package com.videogenie.avatar.http;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Failures on the plain JSON route ({@code POST /renderAvatar}): {@code {"error":{...}}} with the
 * same statuses as the failed events, as the CLI prints its errors.
 */
@RestControllerAdvice
class JsonErrors {
    record Body(Failure error) {
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
