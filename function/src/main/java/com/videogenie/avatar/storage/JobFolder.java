package com.videogenie.avatar.storage;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.JobId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private scratch folder for one job's downloads and staged outputs. It is created on first use
 * (a render of local files never makes one) and deleted with everything in it on close, whether the
 * job succeeded or not.
 */
public final class JobFolder implements AutoCloseable {
    private final Path parent;
    private final String jobId;
    private Path folder;
    private int files;

    public JobFolder(Path parent, String jobId) {
        // The id becomes part of a folder name: only a valid one can never step outside the parent.
        if (!JobId.isValid(jobId)) {
            throw new IllegalArgumentException("not a job id: " + jobId);
        }
        this.parent = parent;
        this.jobId = jobId;
    }

    /** A new file name in the folder, keeping {@code suffix} (such as ".wav") so decoders can guess the format. */
    public Path newFile(String name, String suffix) {
        try {
            if (folder == null) {
                Files.createDirectories(parent);
                folder = Files.createTempDirectory(parent, "job-" + jobId + "-");
            }
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.INTERNAL_ERROR, "Cannot create a work folder in " + parent + ": " + e, e);
        }
        return folder.resolve(++files + "-" + name + suffix);
    }

    @Override
    public void close() {
        if (folder == null) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return;
        }
        for (Path path : paths) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // Go on with the rest; unique names under the work folder mean a leftover never meets another job.
            }
        }
    }
}
