package com.videogenie.avatar.media;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.UUID;

/**
 * Where the video goes. It is written under a hidden temporary name beside the target and moved
 * into place only when complete, so a reader never sees a half-written file and a failure leaves
 * nothing at the target.
 */
public final class OutputFile implements AutoCloseable {
    private final Path target;
    private final Path temporary;
    /** The outermost folder this output created, removed again if the output is abandoned; or null. */
    private final Path createdFolder;
    private boolean committed;

    private OutputFile(Path target, Path createdFolder) {
        this.target = target;
        this.createdFolder = createdFolder;
        this.temporary = hiddenPartial(target);
    }

    /**
     * @param outputUrl a file path or {@code file:} URI, or a folder (existing, or ending in '/'), or
     *                  null for the output folder (or the system temporary folder); a folder gets
     *                  {@code <jobId>.mp4}; a relative path is taken within the output folder when
     *                  there is one
     * @param access    where outputs may go
     */
    public static OutputFile prepare(String outputUrl, String jobId, FileAccess access) {
        Path target = locate(outputUrl, jobId, access);
        Path createdFolder = target.getParent();
        while (createdFolder.getParent() != null && !Files.exists(createdFolder.getParent())) {
            createdFolder = createdFolder.getParent();
        }
        if (Files.exists(createdFolder)) {
            createdFolder = null;
        }
        try {
            Files.createDirectories(target.getParent());
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot create the output folder "
                    + target.getParent() + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(target.getParent())) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "The output folder is not writable: "
                    + target.getParent());
        }
        return new OutputFile(target, createdFolder);
    }

    /** Where {@link #prepare} would put the video, checked against {@code access}, without creating anything. */
    public static Path locate(String outputUrl, String jobId, FileAccess access) {
        Path base = access.outputDir() != null ? access.outputDir()
                : Path.of(System.getProperty("java.io.tmpdir"), "avatar-renderer");
        Path target;
        if (outputUrl == null || outputUrl.isBlank()) {
            target = base.resolve(jobId + ".mp4");
        } else {
            String url = outputUrl.strip();
            Path path = toPath(url);
            if (access.outputDir() != null && !path.isAbsolute()) {
                path = access.outputDir().resolve(path);
            }
            boolean folder = url.endsWith("/") || Files.isDirectory(path);
            target = folder ? path.resolve(jobId + ".mp4") : path;
        }
        target = access.checkWritable(target.toAbsolutePath().normalize());
        if (Files.isDirectory(target)) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "The output path is a folder: " + target);
        }
        return target;
    }

    private static Path toPath(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("file:")) {
                return Path.of(URI.create(url));
            }
            if (lower.matches("^[a-z][a-z0-9+.-]+:.*")) {
                throw new AvatarException(ErrorCode.UNSUPPORTED_INPUT,
                        "outputUrl must be a local path or a file: URI here, not " + url);
            }
            return Path.of(url);
        } catch (IllegalArgumentException e) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "outputUrl is not a valid path: " + url);
        }
    }

    public Path target() {
        return target;
    }

    /** The file to write while rendering. */
    public Path temporary() {
        return temporary;
    }

    /** A new hidden temporary name beside {@code target}: {@code .<name>.<uuid>.partial}. */
    public static Path hiddenPartial(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".partial");
    }

    /** Whether {@code file} is named as {@link #hiddenPartial} names them (and so is never a finished file). */
    public static boolean isHiddenPartial(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".partial");
    }

    /**
     * Moves a finished temporary file onto {@code target}, replacing an older one atomically where
     * the file system can (a reader sees the old file or the new, never half of one).
     */
    public static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Moves the finished file into place, replacing an older one atomically. */
    public void commit() {
        try {
            moveIntoPlace(temporary, target);
            committed = true;
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.OUTPUT_NOT_WRITABLE, "Cannot move the finished video to " + target
                    + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary file, and the folders made for it, unless it was committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
            if (createdFolder != null) {
                for (Path dir = target.getParent(); dir != null && dir.startsWith(createdFolder); dir = dir.getParent()) {
                    Files.deleteIfExists(dir);
                }
            }
        } catch (IOException ignored) {
            // A folder someone else filled meanwhile stays; a hidden temporary never shadows a real output.
        }
    }
}
