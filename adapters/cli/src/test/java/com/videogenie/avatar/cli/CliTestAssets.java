package com.videogenie.avatar.cli;

import com.videogenie.avatar.TestAssets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The shared faces, audio and models for the CLI tests (found by the core's {@link TestAssets}). */
final class CliTestAssets {
    static final Path REPOSITORY_ROOT = TestAssets.repositoryRoot();

    private CliTestAssets() {
    }

    static Path mirror() {
        return TestAssets.mirror();
    }

    static Path face(String name) {
        return TestAssets.face(name);
    }

    static Path audio(String name) {
        return TestAssets.audio(name);
    }

    /** The variables a render needs: models from the mirror, any download into {@code cache}, never the user's. */
    static Map<String, String> environment(Path cache) {
        Map<String, String> env = new HashMap<>();
        env.put("AVATAR_MIRROR", mirror().toString());
        env.put("AVATAR_CACHE_DIR", cache.toString());
        return env;
    }
}
