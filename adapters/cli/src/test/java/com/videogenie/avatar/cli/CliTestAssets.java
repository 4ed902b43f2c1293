package com.videogenie.avatar.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the CLI tests find the shared faces, audio and models: {@code $AVATAR_MIRROR}, else the
 * {@code shared} folder beside the repository root. A missing mirror fails loudly: skipping would
 * hide a broken CI set-up.
 */
final class CliTestAssets {
    /** Tests run in the module folder, adapters/cli; the repository root is two levels up. */
    static final Path REPOSITORY_ROOT = Path.of("../..").toAbsolutePath().normalize();

    private CliTestAssets() {
    }

    static Path mirror() {
        String configured = System.getenv("AVATAR_MIRROR");
        Path mirror = configured == null || configured.isBlank()
                ? REPOSITORY_ROOT.resolveSibling("shared") : Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(mirror.resolve("assets")) || !Files.isDirectory(mirror.resolve("models"))) {
            throw new IllegalStateException("Test assets not found at " + mirror
                    + "; set AVATAR_MIRROR to the shared folder holding models/ and assets/.");
        }
        return mirror;
    }

    static Path face(String name) {
        return mirror().resolve("assets/faces").resolve(name);
    }

    static Path audio(String name) {
        return mirror().resolve("assets/audio").resolve(name);
    }

    /** The variables a render needs: models from the mirror, any download into {@code cache}, never the user's. */
    static Map<String, String> environment(Path cache) {
        Map<String, String> env = new HashMap<>();
        env.put("AVATAR_MIRROR", mirror().toString());
        env.put("AVATAR_CACHE_DIR", cache.toString());
        return env;
    }
}
