package com.videogenie.avatar;

import com.videogenie.avatar.model.Sha256;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one rule for job ids: what a request may name, what a render makes up when it names none, and
 * how an id from outside (a CloudEvent's) becomes one. A job id names files and S3 keys, so it must be
 * safe as both.
 */
public final class JobId {
    /** Letters, digits, '.', '_' and '-', at most 128, starting with a letter or digit. */
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    /** What a refused id is told, in the words of the rule above. */
    public static final String RULE =
            "jobId may hold letters, digits, '.', '_' and '-' (at most 128, not starting with '.' or '-').";
    /** Hex digits of the digest kept when an outside id is hashed: 128 bits, no realistic collision. */
    private static final int HASHED_LENGTH = 32;

    private JobId() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** A fresh id for a job the request did not name. */
    public static String generate() {
        return UUID.randomUUID().toString();
    }

    /** A fresh id that says what kind of job it is, such as {@code live-…}. */
    public static String generate(String kind) {
        return kind + "-" + generate();
    }

    /**
     * An outside id as a job id: itself when it is valid, else {@code prefix} and its SHA-256, so the
     * same outside id always gives the same job id (redeliveries join their first delivery).
     */
    public static String from(String outsideId, String prefix) {
        return isValid(outsideId) ? outsideId : prefix + Sha256.ofText(outsideId).substring(0, HASHED_LENGTH);
    }
}
