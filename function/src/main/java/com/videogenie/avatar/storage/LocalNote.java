package com.videogenie.avatar.storage;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.media.OutputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A {@link JobNote} in a file beside a local video, written under a hidden name and moved into place. */
final class LocalNote implements JobNote {
    private final Path file;
    private final WorkArea work;

    LocalNote(Path file, WorkArea work) {
        this.file = file;
        this.work = work;
    }

    @Override
    public void write(byte[] bytes) {
        Path temporary = OutputFile.hiddenPartial(file);
        try (WorkArea.Entry journal = work.track().partial(temporary)) {
            Files.write(temporary, bytes);
            OutputFile.moveIntoPlace(temporary, file);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException deleteFailed) {
                e.addSuppressed(deleteFailed);
            }
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> read() {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > StoredResults.MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String location() {
        return file.toUri().toString();
    }
}
