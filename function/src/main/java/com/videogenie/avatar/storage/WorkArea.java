package com.videogenie.avatar.storage;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.media.OutputFile;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * This process's part of a work folder, and the clean-up after processes that died.
 *
 * <p>Each process keeps its job folders in {@code run-<id>/}, claimed by an exclusive lock on
 * {@code run-<id>.lock} that the operating system releases however the process ends, SIGKILL and
 * OOM kills included. Outputs in flight are listed in the run's journal ({@code run-<id>/outputs/}):
 * a hidden partial file beside its target, or a video published but not yet finished (its result
 * not stored). Opening a work area first sweeps every run whose lock is free: its listed partial
 * files and unfinished videos are deleted, then its folder. Several processes may share one work
 * folder (CLI renders beside a service): a live one's lock is never free, so its run is left alone.
 *
 * <p>There is one area per work folder and process, kept until the process ends; its empty run
 * folder is swept by the next process to open the folder.
 */
public final class WorkArea {
    private static final System.Logger log = System.getLogger(WorkArea.class.getName());
    private static final Map<Path, WorkArea> OPEN = new ConcurrentHashMap<>();
    private static final String RUN = "run-";
    private static final String LOCK = ".lock";
    private static final String PARTIAL = "partial ";
    private static final String UNFINISHED = "unfinished ";

    private final Path run;
    private final Path journal;
    /** Held, never released: the lock is what tells other processes this run is alive. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final FileChannel lockChannel;

    private WorkArea(Path run, FileChannel lockChannel) {
        this.run = run;
        this.journal = run.resolve("outputs");
        this.lockChannel = lockChannel;
    }

    /**
     * This process's area in {@code workDir}, claimed (and the dead runs there swept) on the first
     * call for that folder.
     *
     * @param s3 how to reach the objects a dead run left unfinished; a run with objects it cannot
     *           reach is left for a process that can
     */
    public static WorkArea of(Path workDir, S3Access s3) {
        return OPEN.computeIfAbsent(workDir.toAbsolutePath().normalize(), dir -> open(dir, s3));
    }

    /** Where this process's job folders go. */
    public Path jobs() {
        return run;
    }

    private static WorkArea open(Path workDir, S3Access s3) {
        try {
            Files.createDirectories(workDir);
            WorkArea area = claim(workDir);
            Sweep sweep = new Sweep(workDir, area.run, s3);
            try {
                sweep.run();
            } catch (IOException e) {
                // What dead processes left stays for the next start; it must not stop this one.
                log.log(System.Logger.Level.WARNING, "Cannot sweep the work folder {0}: {1}", workDir, e);
            }
            if (sweep.runs > 0) {
                log.log(System.Logger.Level.INFO, "Removed what {0} stopped process(es) left in {1}: {2} partial or unfinished"
                        + " output(s)", sweep.runs, workDir, sweep.outputs);
            }
            return area;
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.INTERNAL_ERROR, "Cannot use the work folder " + workDir + ": " + e, e);
        }
    }

    private static WorkArea claim(Path workDir) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String id = UUID.randomUUID().toString();
            Path lockFile = workDir.resolve(RUN + id + LOCK);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            // A sweeper may have taken the fresh file for a dead run's before it was locked; it then
            // deletes it, so only a locked file still in place is ours.
            if (lock != null && Files.exists(lockFile)) {
                Path run = Files.createDirectories(workDir.resolve(RUN + id));
                Files.createDirectories(run.resolve("outputs"));
                return new WorkArea(run, channel);
            }
            channel.close();
            if (attempt > 5) {
                throw new IOException("could not claim a run folder");
            }
        }
    }

    /**
     * Lists an output in flight: the locations are undone if this process dies before the returned
     * entry is closed.
     */
    public Entry track() {
        return new Entry(journal.resolve(UUID.randomUUID() + ".txt"));
    }

    /** One output's journal entry; {@link #close()} once the output is finished or taken back. */
    public static final class Entry implements AutoCloseable {
        private final Path file;
        private final List<String> lines = new ArrayList<>();

        private Entry(Path file) {
            this.file = file;
        }

        /** A hidden temporary file: deleted if the process dies. */
        public Entry partial(Path temporary) {
            return add(PARTIAL + temporary.toUri());
        }

        /** A published video ({@code file:} or {@code s3://}): deleted if the process dies before its result is stored. */
        public Entry unfinished(String videoUrl) {
            return add(UNFINISHED + videoUrl);
        }

        private synchronized Entry add(String line) {
            lines.add(line);
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                Files.write(temporary, lines, StandardCharsets.UTF_8);
                OutputFile.moveIntoPlace(temporary, file);
            } catch (IOException e) {
                throw new AvatarException(ErrorCode.INTERNAL_ERROR, "Cannot write the work journal " + file + ": " + e, e);
            }
            return this;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.log(System.Logger.Level.WARNING, "Cannot remove the journal entry {0}: {1}", file, e);
            }
        }
    }

    /** Finds the runs of dead processes in a work folder and undoes what they left. */
    private static final class Sweep {
        private final Path workDir;
        private final Path mine;
        private final S3Access s3;
        private final UserPrincipal me;
        int runs;
        int outputs;

        Sweep(Path workDir, Path mine, S3Access s3) {
            this.workDir = workDir;
            this.mine = mine;
            this.s3 = s3;
            this.me = owner(mine);
        }

        /** The file's owner, or null where the file system keeps none (then every run is taken as ours). */
        private static UserPrincipal owner(Path path) {
            try {
                return Files.getOwner(path);
            } catch (IOException | UnsupportedOperationException e) {
                return null;
            }
        }

        void run() throws IOException {
            List<Path> entries;
            try (Stream<Path> list = Files.list(workDir)) {
                entries = list.filter(p -> p.getFileName().toString().startsWith(RUN)).toList();
            }
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.endsWith(LOCK)) {
                    sweepLocked(entry, workDir.resolve(name.substring(0, name.length() - LOCK.length())));
                } else if (!entry.equals(mine) && Files.isDirectory(entry) && !Files.exists(workDir.resolve(name + LOCK))) {
                    // A run whose lock file is gone was being swept when that process died too.
                    sweepRun(entry, null);
                }
            }
        }

        private void sweepLocked(Path lockFile, Path runDir) {
            if (runDir.equals(mine)) {
                return;
            }
            try {
                // Another user's files in a shared temporary folder are not ours to judge, or delete.
                if (me != null && !me.equals(owner(lockFile))) {
                    return;
                }
                try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        sweepRun(runDir, lockFile);
                    }
                } catch (OverlappingFileLockException e) {
                    // Held by this very process (another work area over the same folder): alive.
                }
            } catch (NoSuchFileException e) {
                // Swept meanwhile by another process starting.
            } catch (IOException e) {
                log.log(System.Logger.Level.WARNING, "Cannot check the work run {0}: {1}", runDir, e);
            }
        }

        private void sweepRun(Path runDir, Path lockFile) throws IOException {
            boolean undone = true;
            Path journal = runDir.resolve("outputs");
            if (Files.isDirectory(journal)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(journal)) {
                    for (Path entry : entries) {
                        undone &= undo(entry);
                    }
                }
            }
            if (!undone) {
                return;
            }
            deleteTree(runDir);
            if (lockFile != null) {
                Files.deleteIfExists(lockFile);
            }
            runs++;
        }

        /** Undoes one output's journal entry; false when something it lists could not be reached. */
        private boolean undo(Path entry) {
            try {
                for (String line : Files.readAllLines(entry, StandardCharsets.UTF_8)) {
                    if (line.startsWith(PARTIAL)) {
                        undoPartial(URI.create(line.substring(PARTIAL.length())));
                    } else if (line.startsWith(UNFINISHED)) {
                        undoUnfinished(line.substring(UNFINISHED.length()));
                    }
                }
                return true;
            } catch (IOException | RuntimeException e) {
                log.log(System.Logger.Level.WARNING, "Cannot undo {0} left by a stopped process; kept for the next start: {1}",
                        entry, e);
                return false;
            }
        }

        private void undoPartial(URI uri) throws IOException {
            Path file = Path.of(uri);
            // Only ever a hidden temporary: a journal cannot make this delete a real file.
            if (OutputFile.isHiddenPartial(file) && Files.deleteIfExists(file)) {
                outputs++;
            }
        }

        /** A published video is kept when a result was stored beside it: then it is a finished job's (perhaps another pod's). */
        private void undoUnfinished(String url) throws IOException {
            if (S3Location.isS3(url)) {
                S3Location video = S3Location.parse(url, "outputUrl");
                S3ObjectStore store = s3.store("a stopped process's output " + url);
                if (!store.exists(S3Output.sidecar(video))) {
                    store.delete(video);
                    store.delete(S3Output.poster(video));
                    outputs++;
                }
                return;
            }
            Path video = Path.of(URI.create(url));
            if (!Files.exists(LocalOutput.sidecar(video)) && Files.deleteIfExists(video)) {
                outputs++;
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
