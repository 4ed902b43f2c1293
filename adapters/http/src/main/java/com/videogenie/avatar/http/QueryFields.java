package com.videogenie.avatar.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A URL query read as typed fields, as strictly as request JSON: only the known names, each at
 * most once, numbers that parse; an empty value counts as absent. Only the query, never a
 * multipart body's parts, which servlets mix into their parameters.
 */
final class QueryFields implements LiveFields {
    private final Map<String, String> values;

    private QueryFields(Map<String, String> values) {
        this.values = values;
    }

    /** The query string (undecoded, may be null) with only {@code known} names. */
    static QueryFields parse(String query, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown query parameter '" + name + "'; the options are "
                            + String.join(", ", new TreeSet<>(known)));
                }
                if (values.put(name, value.strip()) != null) {
                    throw new IllegalArgumentException("give " + name + " once");
                }
            }
        }
        return new QueryFields(values);
    }

    @Override
    public String text(String field) {
        String value = values.get(field);
        return value == null || value.isEmpty() ? null : value;
    }

    @Override
    public int integer(String field, int absent) {
        String value = text(field);
        try {
            return value == null ? absent : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number, got '" + value + "'");
        }
    }

    @Override
    public Long longInteger(String field) {
        String value = text(field);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a whole number within 64 bits, got '" + value + "'");
        }
    }

    @Override
    public double number(String field, double absent) {
        String value = text(field);
        try {
            double number = value == null ? absent : Double.parseDouble(value);
            if (!Double.isFinite(number)) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " must be a finite number, got '" + value + "'");
        }
    }
}
