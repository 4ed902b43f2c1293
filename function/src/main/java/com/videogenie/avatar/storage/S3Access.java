package com.videogenie.avatar.storage;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;

/**
 * Opens the S3 client on the first {@code s3://} URL, so a service that never sees one never
 * configures AWS, and closes it with the renderer.
 */
public final class S3Access implements AutoCloseable {
    private final S3Settings settings;
    private S3ObjectStore store;

    public S3Access(S3Settings settings) {
        this.settings = settings;
    }

    /** The store, or an {@code UNSUPPORTED_INPUT} error naming {@code what} when S3 is not enabled. */
    public synchronized S3ObjectStore store(String what) {
        if (settings == null) {
            throw new AvatarException(ErrorCode.UNSUPPORTED_INPUT, what
                    + ": s3:// URLs are not enabled here; give a local path or a file: URI.");
        }
        if (store == null) {
            store = new S3ObjectStore(settings);
        }
        return store;
    }

    @Override
    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
