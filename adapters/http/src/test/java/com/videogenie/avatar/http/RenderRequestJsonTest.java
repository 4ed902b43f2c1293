package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict reader names the field and what it expects, so a caller can fix the request. */
class RenderRequestJsonTest {
    private static String refusal(String json) {
        AvatarException e = assertThrows(AvatarException.class,
                () -> RenderRequestJson.read(json.getBytes(StandardCharsets.UTF_8)));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        return e.getMessage();
    }

    @Test
    void wrongTypesNameTheFieldAndTheExpectedType() {
        assertEquals("avatarUrl must be a string.", refusal("{\"avatarUrl\":5,\"audioUrl\":\"a.wav\"}"));
        assertTrue(refusal("{\"avatarUrl\":\"a.png\",\"audioUrl\":\"a.wav\",\"width\":\"x\"}")
                .startsWith("width must be a whole number"));
        assertTrue(refusal("{\"avatarUrl\":\"a.png\",\"audioUrl\":\"a.wav\",\"fps\":2.5}").startsWith("fps must be"));
        assertTrue(refusal("{\"avatarUrl\":\"a.png\",\"audioUrl\":\"a.wav\",\"seed\":1e400}").startsWith("seed "));
    }

    @Test
    void arraysDuplicatesAndBrokenJsonAreRefused() {
        assertTrue(refusal("[1,2,3]").contains("not an array"));
        assertTrue(refusal("{\"avatarUrl\":\"a.png\",\"avatarUrl\":\"b.png\",\"audioUrl\":\"a.wav\"}")
                .contains("avatarUrl"));
        assertTrue(refusal("{\"avatarUrl\":").startsWith("The body is not valid JSON"));
        assertTrue(refusal("null").contains("null"));
    }

    @Test
    void theCoreValidationStillSpeaks() {
        assertEquals("audioUrl is required.", refusal("{\"avatarUrl\":\"a.png\"}"));
    }

    @Test
    void aGoodRequestReads() {
        assertEquals(128, RenderRequestJson.read(
                "{\"avatarUrl\":\"a.png\",\"audioUrl\":\"a.wav\",\"width\":128}".getBytes(StandardCharsets.UTF_8)).width());
    }
}
