package com.videogenie.avatar;

import java.util.Map;

/** Reads settings from an environment map (the process environment, or a test's). */
public final class EnvironmentValues {
    private EnvironmentValues() {
    }

    /** A whole number, or {@code fallback} when unset or blank; anything else names the variable. */
    public static long number(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got " + value, e);
        }
    }
}
