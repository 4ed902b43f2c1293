package com.videogenie.avatar.media;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Which local files a render may read and where it may write. A service sets both; the CLI, run by
 * a user on their own files, allows everything. Checks use real paths, so {@code ..} segments and
 * symbolic links that lead out of an allowed folder are refused.
 *
 * @param inputDirs folders whose files may be read; null allows any readable file
 * @param outputDir the folder outputs must stay within and default to; null allows any
 */
public record FileAccess(List<Path> inputDirs, Path outputDir) {
    public static final FileAccess UNRESTRICTED = new FileAccess(null, null);

    public FileAccess {
        inputDirs = inputDirs == null ? null : List.copyOf(inputDirs.stream().map(FileAccess::real).toList());
        outputDir = outputDir == null ? null : outputDir.toAbsolutePath().normalize();
    }

    /**
     * From {@code AVATAR_ALLOWED_INPUT_DIRS} (folders separated by ':'; unset or empty allows none)
     * and {@code AVATAR_OUTPUT_DIR} (unset: the system temporary folder's avatar-renderer folder).
     */
    public static FileAccess forService(String allowedInputDirs, String outputDir) {
        List<Path> dirs = new ArrayList<>();
        if (allowedInputDirs != null) {
            for (String dir : allowedInputDirs.split(":")) {
                if (!dir.isBlank()) {
                    dirs.add(Path.of(dir.strip()));
                }
            }
        }
        Path output = outputDir == null || outputDir.isBlank()
                ? Path.of(System.getProperty("java.io.tmpdir"), "avatar-renderer") : Path.of(outputDir.strip());
        return new FileAccess(dirs, output);
    }

    /** Refuses a file that does not lie (after resolving links) inside an allowed input folder. */
    public Path checkReadable(Path file, String what) {
        if (inputDirs == null) {
            return file;
        }
        Path real = real(file);
        for (Path dir : inputDirs) {
            if (real.startsWith(dir)) {
                return real;
            }
        }
        throw new AvatarException(ErrorCode.PATH_NOT_ALLOWED, what + ": reading " + shown(file)
                + " is not allowed; inputs must be inside " + (inputDirs.isEmpty() ? "an allowed folder (none is configured:"
                + " set AVATAR_ALLOWED_INPUT_DIRS)" : inputDirs) + ".");
    }

    /** Refuses an output path outside the output folder. */
    public Path checkWritable(Path target) {
        if (outputDir == null) {
            return target;
        }
        if (!real(target.getParent()).startsWith(real(outputDir)) || Files.isSymbolicLink(target)) {
            throw new AvatarException(ErrorCode.PATH_NOT_ALLOWED, "Writing " + shown(target)
                    + " is not allowed; outputs must be inside " + outputDir + ".");
        }
        return target;
    }

    /** The path as a message shows it: a very long one cut in the middle, so an error never echoes a huge input. */
    private static String shown(Path path) {
        String text = path.toString();
        return text.length() <= 240 ? text : text.substring(0, 160) + "..." + text.substring(text.length() - 60);
    }

    /**
     * The path with every link resolved. For a path that does not exist (yet), its nearest existing
     * folder is resolved and the rest appended, so a missing file under a linked folder is judged
     * by where it would really be.
     */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
