package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileAccessTest {
    @TempDir
    Path root;

    @Test
    void readsFilesInsideAllowedFolders() throws Exception {
        Path allowed = Files.createDirectories(root.resolve("in"));
        Path photo = Files.writeString(allowed.resolve("face.png"), "x");
        FileAccess access = new FileAccess(List.of(allowed), null);
        assertEquals(photo.toRealPath(), LocalInputs.resolve(photo.toString(), "avatarUrl", access));
    }

    @Test
    void rejectsFileOutsideAllowedFolders() throws Exception {
        Path allowed = Files.createDirectories(root.resolve("in"));
        Path secret = Files.writeString(root.resolve("secret.txt"), "x");
        FileAccess access = new FileAccess(List.of(allowed), null);
        assertNotAllowed(() -> LocalInputs.resolve(secret.toString(), "avatarUrl", access));
        assertNotAllowed(() -> LocalInputs.resolve(allowed + "/../secret.txt", "avatarUrl", access));
        assertNotAllowed(() -> LocalInputs.resolve("/etc/passwd", "avatarUrl", access));
    }

    @Test
    void rejectsSymbolicLinksLeadingOut() throws Exception {
        Path allowed = Files.createDirectories(root.resolve("in"));
        Path secret = Files.writeString(root.resolve("secret.txt"), "x");
        Path link = Files.createSymbolicLink(allowed.resolve("innocent.png"), secret);
        assertNotAllowed(() -> LocalInputs.resolve(link.toString(), "avatarUrl", new FileAccess(List.of(allowed), null)));
    }

    @Test
    void missingFileUnderALinkedAllowedFolderIsReportedAsMissing() throws Exception {
        Path real = Files.createDirectories(root.resolve("real"));
        Path link = Files.createSymbolicLink(root.resolve("link"), real);
        FileAccess access = new FileAccess(List.of(real), null);
        assertEquals(ErrorCode.INPUT_NOT_FOUND, assertThrows(AvatarException.class,
                () -> LocalInputs.resolve(link.resolve("nobody.png").toString(), "avatarUrl", access)).code());
    }

    @Test
    void serviceWithoutConfiguredFoldersReadsNothing() throws Exception {
        Path photo = Files.writeString(root.resolve("face.png"), "x");
        assertNotAllowed(() -> LocalInputs.resolve(photo.toString(), "avatarUrl", FileAccess.forService(null, root.toString())));
    }

    @Test
    void keepsOutputsInsideTheOutputFolder() throws Exception {
        Path out = Files.createDirectories(root.resolve("out"));
        FileAccess access = new FileAccess(null, out);
        assertEquals(out.resolve("a/b.mp4"), OutputFile.prepare("a/b.mp4", "job", access).target());
        assertEquals(out.resolve("job.mp4"), OutputFile.prepare(null, "job", access).target());
        assertNotAllowed(() -> OutputFile.prepare(root.resolve("elsewhere.mp4").toString(), "job", access));
        assertNotAllowed(() -> OutputFile.prepare("../escape.mp4", "job", access));
    }

    private static void assertNotAllowed(org.junit.jupiter.api.function.Executable call) {
        assertEquals(ErrorCode.PATH_NOT_ALLOWED, assertThrows(AvatarException.class, call).code());
    }
}
