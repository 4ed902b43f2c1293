package com.videogenie.avatar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderBackendsTest {
    private final List<String> closed = new ArrayList<>();

    private RenderBackend backend(String name, boolean automatic) {
        return new RenderBackend() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean automatic() {
                return automatic;
            }

            @Override
            public FrameRenderer prepare(Portrait portrait) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void close() {
                closed.add(name);
            }
        };
    }

    @Test
    void autoTakesTheFallbackWithoutAWarningWhenNothingElseWasOffered() {
        RenderBackend warp = backend("cpu-warp", false);
        RenderBackends backends = new RenderBackends(warp, List.of(backend("test-bar", false)), Map.of());

        RenderBackends.Choice choice = backends.choose("auto");
        assertSame(warp, choice.backend());
        assertNull(choice.warning());
        assertSame(warp, backends.choose(null).backend());
        assertEquals("test-bar", backends.choose("test-bar").backend().name(), "asked for by name");
    }

    @Test
    void autoPrefersALoadedAutomaticBackend() {
        RenderBackend neural = backend("fomm", true);
        RenderBackends backends = new RenderBackends(backend("cpu-warp", false), List.of(neural), Map.of());
        assertSame(neural, backends.choose("auto").backend());
        assertEquals("cpu-warp", backends.choose("cpu-warp").backend().name());
    }

    @Test
    void aBackendThatCouldNotLoadIsReportedUnderAutoAndRefusedByName() {
        RenderBackends backends = new RenderBackends(backend("cpu-warp", false), List.of(),
                Map.of("fomm", "weights not mounted at /models/fomm"));

        RenderBackends.Choice choice = backends.choose("auto");
        assertEquals("cpu-warp", choice.backend().name());
        assertTrue(choice.warning().contains("fomm") && choice.warning().contains("weights not mounted")
                && choice.warning().contains("cpu-warp ran"), choice.warning());

        AvatarException e = assertThrows(AvatarException.class, () -> backends.choose("fomm"));
        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertTrue(e.getMessage().contains("weights not mounted"), e.getMessage());
    }

    @Test
    void anUnknownNameIsAnInvalidRequestListingEveryName() {
        RenderBackends backends = new RenderBackends(backend("cpu-warp", false), List.of(backend("test-bar", false)),
                Map.of("fomm", "missing"));
        AvatarException e = assertThrows(AvatarException.class, () -> backends.choose("fomn"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals(List.of("auto", "cpu-warp", "test-bar", "fomm"), backends.names());
        assertTrue(e.getMessage().contains("[auto, cpu-warp, test-bar, fomm]"), e.getMessage());
    }

    @Test
    void aLoadedNameIsNeverAlsoUnavailableAndClosingFreesEveryLoadedBackend() {
        RenderBackends backends = new RenderBackends(backend("cpu-warp", false), List.of(backend("fomm", true)),
                Map.of("fomm", "an earlier try failed"));
        assertTrue(backends.unavailable().isEmpty());
        backends.close();
        assertEquals(List.of("cpu-warp", "fomm"), closed);
    }
}
