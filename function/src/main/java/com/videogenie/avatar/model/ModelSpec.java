package com.videogenie.avatar.model;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One model the renderer needs: its local file name, where it is published, and the checksum and
 * size every copy must have. Validation messages start with the field name, so a manifest can point
 * at the offending key.
 */
public record ModelSpec(
        String name, String file, URI url, String sha256, long size, String license, String description) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public ModelSpec {
        requireText("name", name);
        if (!isValidName(name)) {
            throw new IllegalArgumentException(
                    "name must be lower-case letters, digits and underscores, got '" + name + "'");
        }
        requireText("file", file);
        if (file.contains("/") || file.contains("\\") || file.equals(".") || file.equals("..")) {
            throw new IllegalArgumentException("file must be a plain file name, got '" + file + "'");
        }
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("url must be an absolute https URL, got '" + url + "'");
        }
        requireText("sha256", sha256);
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("sha256 must be 64 hexadecimal characters, got '" + sha256 + "'");
        }
        if (size <= 0) {
            throw new IllegalArgumentException("size must be a positive number of bytes, got " + size);
        }
        requireText("license", license);
        requireText("description", description);
    }

    static boolean isValidName(String name) {
        return NAME.matcher(name).matches();
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
    }
}
