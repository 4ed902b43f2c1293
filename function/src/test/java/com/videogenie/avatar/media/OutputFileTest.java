package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {
    @TempDir
    Path dir;

    @Test
    void fileAppearsOnlyWhenCommitted() throws Exception {
        Path target = dir.resolve("video.mp4");
        try (OutputFile out = OutputFile.prepare(target.toString(), "job", FileAccess.UNRESTRICTED)) {
            Files.writeString(out.temporary(), "data");
            assertFalse(Files.exists(target), "nothing at the target while writing");
            assertTrue(out.temporary().getFileName().toString().startsWith("."), "temporary file is hidden");
            out.commit();
        }
        assertEquals("data", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void unfinishedOutputLeavesNothingBehind() throws Exception {
        try (OutputFile out = OutputFile.prepare(dir.resolve("video.mp4").toString(), "job", FileAccess.UNRESTRICTED)) {
            Files.writeString(out.temporary(), "half");
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void abandonedOutputRemovesTheFoldersItCreated() throws Exception {
        try (OutputFile out = OutputFile.prepare(dir.resolve("new/deeper/video.mp4").toString(), "job",
                FileAccess.UNRESTRICTED)) {
            Files.writeString(out.temporary(), "half");
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "folders made for a failed output are removed again");
        }
    }

    @Test
    void folderTargetsGetTheJobIdAsFileName() {
        assertEquals(dir.resolve("abc.mp4"), OutputFile.prepare(dir.toString(), "abc", FileAccess.UNRESTRICTED).target());
        assertEquals(dir.resolve("new/abc.mp4"), OutputFile.prepare(dir.resolve("new") + "/", "abc", FileAccess.UNRESTRICTED).target());
        assertEquals(dir.resolve("f.mp4"), OutputFile.prepare(dir.resolve("f.mp4").toUri().toString(), "abc", FileAccess.UNRESTRICTED).target());
    }

    @Test
    void rejectsUnwritableAndRemoteOutputs() throws Exception {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        AvatarException underFile = assertThrows(AvatarException.class,
                () -> OutputFile.prepare(file.resolve("sub/video.mp4").toString(), "j", FileAccess.UNRESTRICTED));
        assertEquals(ErrorCode.OUTPUT_NOT_WRITABLE, underFile.code());
        assertEquals(ErrorCode.UNSUPPORTED_INPUT,
                assertThrows(AvatarException.class, () -> OutputFile.prepare("s3://bucket/x.mp4", "j", FileAccess.UNRESTRICTED)).code());
    }
}
