package com.videogenie.avatar.media;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Turns an input URL of the request (a plain path or a {@code file:} URI) into a readable local file. */
public final class LocalInputs {
    private LocalInputs() {
    }

    /**
     * @param url  the request's value
     * @param what   the field name, for error messages ("avatarUrl")
     * @param access which folders may be read
     */
    public static Path resolve(String url, String what, FileAccess access) {
        if (url == null || url.isBlank()) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, what + " is required.");
        }
        Path path = toPath(url.strip(), what).toAbsolutePath().normalize();
        // Checked before existence, so a refused path does not reveal whether a file is there.
        path = access.checkReadable(path, what);
        if (!Files.exists(path)) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, what + " is not a regular file: " + path);
        }
        if (!Files.isReadable(path)) {
            throw new AvatarException(ErrorCode.INPUT_NOT_FOUND, what + ": file is not readable: " + path);
        }
        return path;
    }

    private static Path toPath(String url, String what) {
        int colon = url.indexOf(':');
        // One-letter "schemes" are Windows drive letters; anything else before ':' is a URL scheme.
        String scheme = colon > 1 ? url.substring(0, colon).toLowerCase(Locale.ROOT) : "";
        try {
            if (scheme.equals("file")) {
                return Path.of(new URI(url));
            }
            if (!scheme.isEmpty() && scheme.matches("[a-z][a-z0-9+.-]*")) {
                throw new AvatarException(ErrorCode.UNSUPPORTED_INPUT, what + ": the '" + scheme
                        + ":' scheme is not supported here; give a local path or a file: URI.");
            }
            return Path.of(url);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, what + " is not a valid path or file: URI: " + url);
        }
    }
}
