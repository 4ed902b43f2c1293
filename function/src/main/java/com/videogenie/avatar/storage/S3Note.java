package com.videogenie.avatar.storage;

import java.util.Optional;

/** A {@link JobNote} as an object beside a video in S3 (a single PUT: never seen half-written). */
final class S3Note implements JobNote {
    private final S3ObjectStore store;
    private final S3Location object;

    S3Note(S3ObjectStore store, S3Location object) {
        this.store = store;
        this.object = object;
    }

    @Override
    public void write(byte[] bytes) {
        store.put(bytes, object, "application/json");
    }

    @Override
    public Optional<byte[]> read() {
        return Optional.ofNullable(store.readIfPresent(object, StoredResults.MAX_BYTES));
    }

    @Override
    public void delete() {
        store.delete(object);
    }

    @Override
    public String location() {
        return object.toString();
    }
}
