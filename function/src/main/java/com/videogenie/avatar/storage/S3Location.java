package com.videogenie.avatar.storage;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * An object's place: {@code s3://bucket/key}. A key ending in '/' (or an empty one) names a folder.
 */
public record S3Location(String bucket, String key) {
    public S3Location {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "Not a valid S3 bucket name: " + bucket);
        }
        key = key == null ? "" : key;
    }

    public static boolean isS3(String url) {
        return url != null && url.strip().regionMatches(true, 0, "s3://", 0, 5);
    }

    public static S3Location parse(String url, String what) {
        try {
            URI uri = new URI(url.strip());
            String path = uri.getRawPath() == null ? "" : uri.getPath();
            return new S3Location(uri.getHost(), path.startsWith("/") ? path.substring(1) : path);
        } catch (URISyntaxException e) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, what + " is not a valid s3://bucket/key URL: " + url);
        }
    }

    public boolean isFolder() {
        return key.isEmpty() || key.endsWith("/");
    }

    public S3Location resolve(String name) {
        return new S3Location(bucket, key + name);
    }

    /** The same key with its extension replaced, e.g. the poster beside a video. */
    public S3Location withExtension(String extension) {
        int slash = key.lastIndexOf('/');
        int dot = key.lastIndexOf('.');
        return new S3Location(bucket, (dot > slash ? key.substring(0, dot) : key) + extension);
    }

    @Override
    public String toString() {
        return "s3://" + bucket + "/" + key;
    }
}
