package com.videogenie.avatar.http;

import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON object by the rules of the request JSON (docs/errors.md, "Strict JSON"):
 * a field of the wrong type is an {@link IllegalArgumentException} naming it and what it expects,
 * never coerced or replaced by its default. Absent and null fields give the default.
 */
final class StrictFields implements LiveFields {
    private final JsonNode object;
    private final String what;

    /** @param what the message's name, for the error ("the start message") */
    StrictFields(JsonNode object, String what) {
        if (object == null || !object.isObject()) {
            throw new IllegalArgumentException(what + " must be one JSON object");
        }
        this.object = object;
        this.what = what;
    }

    private JsonNode present(String field) {
        JsonNode value = object.get(field);
        return value == null || value.isNull() ? null : value;
    }

    @Override
    public String text(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            throw wrong(field, "a string");
        }
        return value.asString();
    }

    @Override
    public int integer(String field, int absent) {
        JsonNode value = present(field);
        if (value == null) {
            return absent;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw wrong(field, "a whole number");
        }
        return value.asInt();
    }

    @Override
    public Long longInteger(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrong(field, "a whole number within 64 bits");
        }
        return value.asLong();
    }

    @Override
    public double number(String field, double absent) {
        JsonNode value = present(field);
        if (value == null) {
            return absent;
        }
        if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
            throw wrong(field, "a finite number");
        }
        return value.asDouble();
    }

    boolean bool(String field, boolean absent) {
        JsonNode value = present(field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw wrong(field, "true or false");
        }
        return value.asBoolean();
    }

    private IllegalArgumentException wrong(String field, String expected) {
        return new IllegalArgumentException(what + ": " + field + " must be " + expected + ", not " + shortly(object.get(field)));
    }

    private static String shortly(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
