package com.videogenie.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.storage.JobFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JobIdTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "job-42", "Job_1.retry", "0123456789abcdef0123456789abcdef"})
    void acceptsFileAndKeySafeIds(String id) {
        assertTrue(JobId.isValid(id));
        assertEquals(id, new RenderRequest("a.png", "b.wav", null, null, null, null, null, null, id, null).jobId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".hidden", "-flag", "../up", "a/b", "a b", "é"})
    void refusesIdsThatAreNotSafeNames(String id) {
        assertFalse(JobId.isValid(id));
        AvatarException e = assertThrows(AvatarException.class,
                () -> new RenderRequest("a.png", "b.wav", null, null, null, null, null, null, id, null));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertThrows(IllegalArgumentException.class, () -> new JobFolder(Path.of("/tmp"), id));
    }

    @Test
    void limitsTheLengthTo128() {
        assertTrue(JobId.isValid("a".repeat(128)));
        assertFalse(JobId.isValid("a".repeat(129)));
    }

    @Test
    void generatedIdsAreValidAndFresh() {
        assertTrue(JobId.isValid(JobId.generate()));
        assertTrue(JobId.generate("live").startsWith("live-"));
        assertNotEquals(JobId.generate(), JobId.generate());
    }

    @Test
    void anOutsideIdIsKeptWhenValidElseHashedTheSameWayEachTime() {
        assertEquals("event-7", JobId.from("event-7", "ce-"));
        String hashed = JobId.from("urn:uuid:1/2 3", "ce-");
        assertTrue(JobId.isValid(hashed), hashed);
        // SHA-256("urn:uuid:1/2 3"), first 32 hex digits, computed independently with sha256sum.
        assertEquals("ce-" + "09d67faab19273d7999d77e7b4995da1", hashed);
        assertEquals(hashed, JobId.from("urn:uuid:1/2 3", "ce-"));
        assertNotEquals(hashed, JobId.from("urn:uuid:1/2 4", "ce-"));
    }
}
