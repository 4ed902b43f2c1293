package com.videogenie.avatar.storage;

import com.videogenie.avatar.media.OutputFile;
import java.nio.file.Path;

/** A video written to the local disk through {@link OutputFile} (hidden temporary name, atomic move). */
final class LocalOutput implements RenderOutput {
    private final OutputFile file;

    LocalOutput(OutputFile file) {
        this.file = file;
    }

    @Override
    public Path temporary() {
        return file.temporary();
    }

    @Override
    public void commit() {
        file.commit();
    }

    @Override
    public String url() {
        return file.target().toUri().toString();
    }

    @Override
    public String downloadUrl() {
        return null;
    }

    @Override
    public String posterUrl() {
        return null;
    }

    @Override
    public void close() {
        file.close();
    }
}
