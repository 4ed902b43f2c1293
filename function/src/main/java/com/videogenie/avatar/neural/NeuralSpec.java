package com.videogenie.avatar.neural;

import java.util.Locale;
import java.util.Objects;

/**
 * One exported network: the file a user mounts, its licence, whether the weights may be used
 * commercially, and the tensors it takes and gives (for the export script and the start-up report).
 */
public record NeuralSpec(String name, String file, String license, Commercial commercial, String checkpoint,
                         String export, String inputs, String outputs, String description) {

    /** Whether the weights' terms allow commercial use; only {@code YES} runs without the opt-in. */
    public enum Commercial {
        YES, NO, UNCLEAR;

        static Commercial parse(String value) {
            try {
                return valueOf(value.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("commercial must be yes, no or unclear, got '" + value + "'");
            }
        }
    }

    public NeuralSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(commercial, "commercial");
        if (file == null || file.isBlank() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            throw new IllegalArgumentException("file must be a plain file name, got '" + file + "'");
        }
    }
}
