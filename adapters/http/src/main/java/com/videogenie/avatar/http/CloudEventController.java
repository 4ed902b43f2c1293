package com.videogenie.avatar.http;

import com.videogenie.avatar.JobId;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.storage.JobNote;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * CloudEvents over HTTP at {@code POST /}, binary ({@code ce-*} headers) and structured
 * ({@code application/cloudevents+json}) mode; the reply uses the request's mode. A
 * {@code render.requested} event's data is the RenderRequest; the reply is {@code render.completed}
 * with the RenderResult, or {@code render.failed} with {@link Failure} and its HTTP status. Replies
 * keep the subject and carry the request's id as {@code correlationid}. A request with a
 * {@code callbackUrl} has its reply event also posted there, after the reply (see {@link Webhooks}).
 *
 * <p>The event envelope is read and written with cloudevents-http-basic rather than Spring Cloud
 * Function's CloudEvent support, which on Boot 4 cannot answer a failure with its own event type and
 * status (see docs/service.md).
 */
@RestController
class CloudEventController {
    private static final Logger log = LoggerFactory.getLogger(CloudEventController.class);

    private static final JsonFormat STRUCTURED = new JsonFormat();

    private final RenderService renderAvatar;
    private final ServiceSettings settings;
    private final Webhooks webhooks;
    private final JsonMapper json;

    CloudEventController(RenderService renderAvatar, ServiceSettings settings, Webhooks webhooks, JsonMapper json) {
        this.renderAvatar = renderAvatar;
        this.settings = settings;
        this.webhooks = webhooks;
        this.json = json;
    }

    @PostMapping("/")
    ResponseEntity<byte[]> receive(@RequestHeader HttpHeaders headers, @RequestBody(required = false) byte[] body,
                                   HttpServletRequest servletRequest) {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        boolean structured = lower.getOrDefault("content-type", "").toLowerCase(Locale.ROOT)
                .startsWith(JsonFormat.CONTENT_TYPE);
        CloudEvent event;
        try {
            event = HttpMessageFactory.createReader(lower, body == null ? new byte[0] : body).toEvent();
        } catch (RuntimeException e) {
            return failed(null, structured, Failure.invalid("The request is not a CloudEvent: " + innermost(e)));
        }
        if (!RenderEvents.REQUESTED.equals(event.getType())) {
            return failed(event, structured, Failure.invalid("Unexpected event type " + event.getType()
                    + "; this service answers " + RenderEvents.REQUESTED + "."));
        }
        RenderRequest request;
        try {
            request = withDefaultJobId(readRequest(event), event.getId());
        } catch (RuntimeException e) {
            Failure failure = Failure.find(e) != null ? Failure.of(e, null)
                    : Failure.invalid("The event data is not a valid RenderRequest JSON object: " + innermost(e));
            return failed(event, structured, failure);
        }
        URI callback = null;
        if (request.callbackUrl() != null) {
            try {
                callback = webhooks.check(request.callbackUrl());
            } catch (RuntimeException e) {
                return failed(event, structured, Failure.of(e, request.jobId()));
            }
        }
        CloudEvent outcome;
        HttpStatus status;
        Long retryAfter = null;
        JobNote note = null;
        try {
            RenderService.Answer answer = renderAvatar.answer(request);
            outcome = RenderEvents.reply(event, RenderEvents.COMPLETED, settings.eventSource(),
                    json.writeValueAsBytes(answer.result()));
            status = HttpStatus.OK;
            note = callbackNote(request);
            // A callback a stopped pod still owed for this job: this request has none of its own to replace it.
            if (note != null && callback == null && answer.fromStorage()) {
                webhooks.resume(note);
            }
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, request.jobId());
            if (failure.status() == HttpStatus.INTERNAL_SERVER_ERROR) {
                log.error("Render {} failed", request.jobId(), e);
            }
            outcome = RenderEvents.reply(event, RenderEvents.FAILED, settings.eventSource(), json.writeValueAsBytes(failure));
            status = failure.status();
            retryAfter = e instanceof BusyException busy ? busy.retryAfterSeconds() : null;
        }
        // 503 (busy, shutting down) is not an outcome: the sender delivers the event again.
        if (callback != null && status != HttpStatus.SERVICE_UNAVAILABLE) {
            CallbackAfterReply.register(servletRequest, new CallbackAfterReply.Pending(callback, STRUCTURED.serialize(outcome),
                    status == HttpStatus.OK ? note : null));
        }
        return reply(outcome, structured, status, retryAfter);
    }

    /** Where a completed job's callback is kept until delivered (see {@link Webhooks}), or null. */
    private JobNote callbackNote(RenderRequest request) {
        try {
            return renderAvatar.renderer().note(request, Webhooks.NOTE_SUFFIX).orElse(null);
        } catch (RuntimeException e) {
            log.warn("No place to keep the callback of job {}: {}", request.jobId(), e.toString());
            return null;
        }
    }

    /** What the innermost cause says, without exception class names or parser locations. */
    private static String innermost(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return RenderRequestJson.firstLine(t.getMessage());
    }

    private RenderRequest readRequest(CloudEvent event) {
        if (event.getData() == null) {
            throw new IllegalArgumentException("the event has no data");
        }
        return RenderRequestJson.read(event.getData().toBytes());
    }

    /** The event id names the job unless the request does: a redelivered event then joins its first delivery. */
    private static RenderRequest withDefaultJobId(RenderRequest r, String eventId) {
        if (r.jobId() != null) {
            return r;
        }
        return r.withJobId(JobId.from(eventId, "ce-"));
    }

    private ResponseEntity<byte[]> failed(CloudEvent request, boolean structured, Failure failure) {
        CloudEvent reply = RenderEvents.reply(request, RenderEvents.FAILED, settings.eventSource(),
                json.writeValueAsBytes(failure));
        return reply(reply, structured, failure.status(), null);
    }

    private static ResponseEntity<byte[]> reply(CloudEvent event, boolean structured, HttpStatus status, Long retryAfter) {
        HttpHeaders headers = new HttpHeaders();
        byte[][] body = new byte[1][];
        var writer = HttpMessageFactory.createWriter(headers::set, bytes -> body[0] = bytes);
        if (structured) {
            writer.writeStructured(event, JsonFormat.CONTENT_TYPE);
        } else {
            writer.writeBinary(event);
        }
        if (retryAfter != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        }
        return new ResponseEntity<>(body[0] == null ? new byte[0] : body[0], headers, status);
    }
}
