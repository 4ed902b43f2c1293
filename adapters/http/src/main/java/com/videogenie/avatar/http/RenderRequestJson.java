package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderRequest;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one RenderRequest JSON object strictly, for both routes: no array (one request per call), no
 * duplicate key, no number where a string belongs or the reverse, no number out of its field's range.
 * A mistake becomes {@code INVALID_REQUEST} naming the field and what it expects, never a 500.
 */
final class RenderRequestJson {
    private static final JsonMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Jackson turns any scalar into a string by default; a URL given as 5 is a mistake.
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private RenderRequestJson() {
    }

    static RenderRequest read(byte[] json) {
        try {
            RenderRequest request = STRICT.readValue(json, RenderRequest.class);
            if (request == null) {
                throw new AvatarException(ErrorCode.INVALID_REQUEST, "The body must be one RenderRequest JSON object, got null.");
            }
            return request;
        } catch (JacksonException e) {
            AvatarException core = Failure.find(e);
            if (core != null) {
                throw core;
            }
            throw new AvatarException(ErrorCode.INVALID_REQUEST, describe(e), e);
        }
    }

    private static String describe(JacksonException e) {
        String field = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName()
                : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
        if (field.isEmpty()) {
            if (e instanceof MismatchedInputException) {
                return "The body must be one RenderRequest JSON object (send one request per call, not an array).";
            }
            return "The body is not valid JSON: " + firstLine(e.getOriginalMessage());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return field + " must be " + expected(mismatch.getTargetType()) + ".";
        }
        return field + " is not valid: " + firstLine(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == Integer.class || type == int.class) {
            return "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE;
        }
        if (type == Long.class || type == long.class) {
            return "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE;
        }
        return "a " + type.getSimpleName();
    }

    /** The first line of a library's message, without the location Jackson appends. */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
