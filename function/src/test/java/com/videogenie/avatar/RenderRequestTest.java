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
        assertEquals("auto", request.mouth());
        assertEquals("none", request.enhance());
        assertEquals(25, request.diffusionSteps());
    }

    @Test
    void rejectsMalformedStagesAndStepsOutOfRange() {
        RenderRequest base = RenderRequest.of("a.png", "b.wav", null);
        assertInvalid(() -> base.withStages("Wav2Lip", null, null));
        assertInvalid(() -> base.withStages("wav2lip; rm", null, null));
        assertInvalid(() -> base.withStages(null, "GFPGAN!", null));
        assertInvalid(() -> base.withStages(null, null, 0));
        assertInvalid(() -> base.withStages(null, null, 101));
        RenderRequest ok = base.withStages(" diff2lip ", "none", 100);
        assertEquals("diff2lip", ok.mouth());
        assertEquals(100, ok.diffusionSteps());
        RenderRequest moved = ok.withSeed(3).withJobId("job-1").withRenderer("cpu-warp");
        assertEquals("diff2lip", moved.mouth(), "the with-methods keep the stages");
        assertEquals("none", moved.enhance());
        assertEquals(100, moved.diffusionSteps());
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
