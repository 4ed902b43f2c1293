package com.videogenie.avatar.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep after dead processes, on runs laid out as a killed process leaves them (a lock file
 * nobody holds, job folders, journal entries). The real kill is in the http adapter's PodKillTest.
 */
class WorkAreaTest {
    @TempDir
    Path dir;

    /** A run as a process killed mid-render leaves it; its lock file is not held by anyone. */
    private Path deadRun(String id, String... journalLines) throws Exception {
        Files.createFile(dir.resolve("work/run-" + id + ".lock"));
        Path run = Files.createDirectories(dir.resolve("work/run-" + id));
        Files.createDirectories(run.resolve("job-a-123/sub"));
        Files.write(run.resolve("job-a-123/sub/1-avatarUrl.png"), new byte[100]);
        Files.createDirectories(run.resolve("outputs"));
        Files.write(run.resolve("outputs/e1.txt"), List.of(journalLines));
        return run;
    }

    private Set<String> names(Path folder) throws Exception {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void aDeadRunsJobFoldersAndPartialOutputsAreRemoved() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path partial = Files.write(out.resolve(".clip.mp4.0b1c.partial"), new byte[1000]);
        Path finished = Files.write(out.resolve("earlier.mp4"), new byte[10]);
        Files.createDirectories(dir.resolve("work"));
        Path run = deadRun("dead", "partial " + partial.toUri());

        WorkArea area = WorkArea.of(dir.resolve("work"), new S3Access(null));

        assertFalse(Files.exists(run), "the dead run's folder is gone");
        assertFalse(Files.exists(dir.resolve("work/run-dead.lock")));
        assertFalse(Files.exists(partial), "its partial output is gone");
        assertTrue(Files.exists(finished), "an unrelated finished video stays");
        String mine = area.jobs().getFileName().toString();
        assertEquals(Set.of(mine, mine + ".lock"), names(dir.resolve("work")), "only this process's run is left");
        assertSame(area, WorkArea.of(dir.resolve("work"), new S3Access(null)), "one area per folder and process");
    }

    @Test
    void aVideoPublishedWithoutItsResultIsRemovedButAFinishedOneStays() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path unfinished = Files.write(out.resolve("killed.mp4"), new byte[10]);
        Path finished = Files.write(out.resolve("other-pod.mp4"), new byte[10]);
        Files.write(out.resolve("other-pod.mp4.result.json"), "{}".getBytes());
        Files.createDirectories(dir.resolve("work"));
        deadRun("dead", "unfinished " + unfinished.toUri(), "unfinished " + finished.toUri());

        WorkArea.of(dir.resolve("work"), new S3Access(null));

        assertFalse(Files.exists(unfinished), "a video whose result was never stored is taken back");
        assertTrue(Files.exists(finished), "a video with a stored result is a finished job's, kept");
    }

    @Test
    void aJournalCannotMakeTheSweepDeleteARealFile() throws Exception {
        Path precious = Files.write(dir.resolve("precious.txt"), new byte[10]);
        Files.createDirectories(dir.resolve("work"));
        deadRun("dead", "partial " + precious.toUri());

        WorkArea.of(dir.resolve("work"), new S3Access(null));

        assertTrue(Files.exists(precious), "only hidden .partial files are ever deleted as partials");
    }

    @Test
    void aLiveRunIsLeftAlone() throws Exception {
        Files.createDirectories(dir.resolve("work"));
        Path run = deadRun("live");
        // Locked as a live process holds it (this JVM stands in for it).
        try (FileChannel channel = FileChannel.open(dir.resolve("work/run-live.lock"), StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            WorkArea.of(dir.resolve("work"), new S3Access(null));
            assertTrue(lock.isValid());
        }
        assertTrue(Files.exists(run.resolve("job-a-123/sub/1-avatarUrl.png")), "a live run's files are untouched");
    }

    @Test
    void objectsADeadRunLeftInS3AreKeptUntilAProcessThatCanReachThemStarts() throws Exception {
        Files.createDirectories(dir.resolve("work"));
        Path run = deadRun("dead", "unfinished s3://renders/killed.mp4");

        WorkArea area = WorkArea.of(dir.resolve("work"), new S3Access(null));

        assertTrue(Files.exists(run.resolve("outputs/e1.txt")), "without S3 the entry is kept for a later start");
        assertNotEquals(run, area.jobs());
    }

    @Test
    void unfinishedObjectsAreDeletedUnlessTheirResultWasStored() throws Exception {
        try (TestS3Server s3 = new TestS3Server()) {
            s3.createBucket("renders");
            s3.put("renders", "killed.mp4", new byte[10]);
            s3.put("renders", "killed.jpg", new byte[10]);
            s3.put("renders", "done.mp4", new byte[10]);
            s3.put("renders", "done.jpg", new byte[10]);
            s3.put("renders", "done.mp4.result.json", "{}".getBytes());
            Files.createDirectories(dir.resolve("work"));
            deadRun("dead", "unfinished s3://renders/killed.mp4", "unfinished s3://renders/done.mp4");

            try (S3Access access = new S3Access(s3.settings())) {
                WorkArea.of(dir.resolve("work"), access);
            }

            assertEquals(List.of("done.jpg", "done.mp4", "done.mp4.result.json"), s3.keys("renders").stream().sorted().toList());
            assertFalse(Files.exists(dir.resolve("work/run-dead")));
        }
    }

    @Test
    void entriesAreWrittenAsOutputsGoAndRemovedWhenClosed() throws Exception {
        WorkArea area = WorkArea.of(dir.resolve("work"), new S3Access(null));
        Path journal = area.jobs().resolve("outputs");
        WorkArea.Entry entry = area.track();
        assertEquals(Set.of(), names(journal), "nothing is written before there is something to undo");
        entry.partial(dir.resolve(".x.mp4.1.partial")).unfinished("s3://b/x.mp4");
        List<String> lines;
        try (Stream<Path> list = Files.list(journal)) {
            lines = Files.readAllLines(list.findFirst().orElseThrow());
        }
        assertEquals(List.of("partial " + dir.resolve(".x.mp4.1.partial").toUri(), "unfinished s3://b/x.mp4"), lines);
        entry.close();
        assertEquals(Set.of(), names(journal));
    }
}
