package com.videogenie.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RenderRequestTest {
    @Test
    void fillsDefaults() {
        RenderRequest request = RenderRequest.of("a.png", "b.wav", null);
        assertEquals(512, request.width());
        assertEquals(512, request.height());
        assertEquals(25, request.fps());
        assertNull(request.seed());
    }

    @Test
    void rejectsMissingInputsOddSizesAndBadFrameRates() {
        assertInvalid(() -> RenderRequest.of(null, "b.wav", null));
        assertInvalid(() -> RenderRequest.of("a.png", " ", null));
        assertInvalid(() -> new RenderRequest("a", "b", null, null, 511, 512, 25, null, null, null));
        assertInvalid(() -> new RenderRequest("a", "b", null, null, 32, 512, 25, null, null, null));
        assertInvalid(() -> new RenderRequest("a", "b", null, null, 512, 512, 0, null, null, null));
        assertInvalid(() -> new RenderRequest("a", "b", null, null, 512, 512, 25, null, "../escape", null));
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable request) {
        assertEquals(ErrorCode.INVALID_REQUEST, assertThrows(AvatarException.class, request).code());
    }
}
