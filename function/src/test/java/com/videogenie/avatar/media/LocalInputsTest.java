package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalInputsTest {
    @TempDir
    Path dir;

    @Test
    void acceptsPlainPathsAndFileUris() throws Exception {
        Path file = Files.writeString(dir.resolve("a b.wav"), "x");
        assertEquals(file.toRealPath(), LocalInputs.resolve(file.toString(), "audioUrl", FileAccess.UNRESTRICTED).toRealPath());
        assertEquals(file.toRealPath(), LocalInputs.resolve(file.toUri().toString(), "audioUrl", FileAccess.UNRESTRICTED).toRealPath());
    }

    @Test
    void missingFileIsInputNotFoundNamingTheField() {
        AvatarException e = assertThrows(AvatarException.class,
                () -> LocalInputs.resolve(dir.resolve("nope.png").toString(), "avatarUrl", FileAccess.UNRESTRICTED));
        assertEquals(ErrorCode.INPUT_NOT_FOUND, e.code());
        assertEquals(true, e.getMessage().startsWith("avatarUrl"));
    }

    @Test
    void rejectsFoldersAndRemoteSchemes() {
        assertEquals(ErrorCode.INVALID_REQUEST,
                assertThrows(AvatarException.class, () -> LocalInputs.resolve(dir.toString(), "avatarUrl", FileAccess.UNRESTRICTED)).code());
        assertEquals(ErrorCode.UNSUPPORTED_INPUT, assertThrows(AvatarException.class,
                () -> LocalInputs.resolve("https://example.org/a.png", "avatarUrl", FileAccess.UNRESTRICTED)).code());
    }
}
