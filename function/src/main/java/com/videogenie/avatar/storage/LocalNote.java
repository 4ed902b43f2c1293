package com.videogenie.avatar.storage;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

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
        Path temporary = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".partial");
        try (WorkArea.Entry journal = work.track().partial(temporary)) {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
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
