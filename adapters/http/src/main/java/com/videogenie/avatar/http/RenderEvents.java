package com.videogenie.avatar.http;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** The event types and the reply events, so that Knative Eventing can route a reply back to its request. */
final class RenderEvents {
    static final String REQUESTED = "com.videogenie.avatar.render.requested";
    static final String COMPLETED = "com.videogenie.avatar.render.completed";
    static final String FAILED = "com.videogenie.avatar.render.failed";
    /** Extension on every reply: the id of the request event it answers. */
    static final String CORRELATION_ID = "correlationid";

    private RenderEvents() {
    }

    /**
     * @param request the event answered, or null when the request was not a readable event
     */
    static CloudEvent reply(CloudEvent request, String type, String source, byte[] json) {
        CloudEventBuilder reply = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withType(type)
                .withSource(URI.create(source))
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(json);
        if (request != null) {
            reply.withExtension(CORRELATION_ID, request.getId());
            if (request.getSubject() != null) {
                reply.withSubject(request.getSubject());
            }
        }
        return reply.build();
    }
}
