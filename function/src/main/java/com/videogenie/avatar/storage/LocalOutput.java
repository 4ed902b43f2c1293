package com.videogenie.avatar.storage;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.media.OutputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A video written to the local disk through {@link OutputFile} (hidden temporary name, atomic move),
 * with its result stored beside it as {@code <video>.result.json} where asked.
 */
final class LocalOutput implements RenderOutput {
    private final OutputFile file;
    private final Path sidecar;
    private final WorkArea.Entry journal;

    /** @param journal where the files in flight are listed, so a process killed mid-way has them removed at the next start */
    LocalOutput(OutputFile file, WorkArea.Entry journal) {
        this.file = file;
        this.sidecar = sidecar(file.target());
        this.journal = journal.partial(file.temporary());
    }

    /** The result stored beside {@code video} for this job, if the video is still there. */
    static Optional<RenderResult> stored(Path video, String jobId) {
        Path sidecar = sidecar(video);
        try {
            if (!Files.isRegularFile(video) || !Files.isRegularFile(sidecar) || Files.size(sidecar) > StoredResults.MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.ofNullable(StoredResults.matching(Files.readAllBytes(sidecar), jobId, video.toUri().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Removes a finished local video and the result stored beside it. */
    static void discard(Path video) {
        try {
            Files.deleteIfExists(sidecar(video));
            Files.deleteIfExists(video);
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot remove " + video + ": " + e.getMessage(), e);
        }
    }

    static Path sidecar(Path video) {
        return video.resolveSibling(video.getFileName() + StoredResults.SUFFIX);
    }

    @Override
    public Path temporary() {
        return file.temporary();
    }

    @Override
    public void commit() {
        journal.unfinished(url());
        try {
            Files.deleteIfExists(sidecar);
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot replace " + sidecar + ": " + e.getMessage(), e);
        }
        file.commit();
    }

    @Override
    public void storeResult(RenderResult result) {
        Path temporary = OutputFile.hiddenPartial(sidecar);
        journal.partial(temporary);
        try {
            Files.write(temporary, StoredResults.toJson(result));
            OutputFile.moveIntoPlace(temporary, sidecar);
        } catch (IOException e) {
            AvatarException failure = new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot write " + sidecar
                    + ": " + e.getMessage(), e);
            try {
                Files.deleteIfExists(temporary);
                Files.deleteIfExists(file.target());
            } catch (IOException deleteFailed) {
                failure.addSuppressed(deleteFailed);
            }
            throw failure;
        }
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
        journal.close();
    }
}
