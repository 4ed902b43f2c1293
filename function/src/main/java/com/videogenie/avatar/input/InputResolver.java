package com.videogenie.avatar.input;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.media.FileAccess;
import com.videogenie.avatar.media.LocalInputs;
import com.videogenie.avatar.storage.JobFolder;
import com.videogenie.avatar.storage.S3Access;
import com.videogenie.avatar.storage.S3Location;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns an input URL of the request into a local file: plain paths and {@code file:} URIs under the
 * {@link FileAccess} rules, {@code https:}/{@code http:} and {@code s3://} downloaded into the job's
 * folder.
 */
public final class InputResolver {
    private final FileAccess files;
    private final FetchSettings http;
    private final S3Access s3;

    /**
     * @param http null to refuse {@code https:}/{@code http:} inputs
     * @param s3   opens storage for {@code s3://} inputs (refuses them when not configured)
     */
    public InputResolver(FileAccess files, FetchSettings http, S3Access s3) {
        this.files = files;
        this.http = http;
        this.s3 = s3;
    }

    /**
     * @param url  the request's value
     * @param what the field name, for error messages ("avatarUrl")
     * @param job  where downloads go
     */
    public Path resolve(String url, String what, JobFolder job) {
        if (url == null || url.isBlank()) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, what + " is required.");
        }
        String value = url.strip();
        if (S3Location.isS3(value)) {
            S3Location location = S3Location.parse(value, what);
            Path target = job.newFile(what, suffix(location.key()));
            s3.store(what).download(location, target, maxBytes(), what);
            return target;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (http != null && (lower.startsWith("https:") || lower.startsWith("http:"))) {
            URI uri;
            try {
                uri = new URI(value);
            } catch (URISyntaxException e) {
                throw new AvatarException(ErrorCode.INVALID_REQUEST, what + " is not a valid URL: " + value);
            }
            Path target = job.newFile(what, suffix(uri.getPath() == null ? "" : uri.getPath()));
            new HttpFetcher(http).fetch(uri, target, what);
            return target;
        }
        return LocalInputs.resolve(value, what, files);
    }

    private long maxBytes() {
        return (http != null ? http : FetchSettings.defaults()).maxBytes();
    }

    /** The file's extension, kept so that FFmpeg and OpenCV see a familiar name; only safe characters. */
    static String suffix(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash || path.length() - dot > 6) {
            return "";
        }
        String ext = path.substring(dot).toLowerCase(Locale.ROOT);
        return ext.matches("\\.[a-z0-9]{1,5}") ? ext : "";
    }
}
