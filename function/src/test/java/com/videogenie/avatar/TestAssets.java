package com.videogenie.avatar;

import com.videogenie.avatar.model.ModelManifest;
import com.videogenie.avatar.model.ModelRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The shared test assets and models: {@code $AVATAR_MIRROR}, else the {@code shared} folder beside
 * the repository. Missing assets fail the test loudly: skipping would hide a broken CI set-up.
 * Every module's tests use this (the adapters through this module's test jar).
 */
public final class TestAssets {
    private TestAssets() {
    }

    /** The repository root: the nearest folder up from where the tests run that holds {@code .ci/run}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(".ci/run"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Tests must run inside the repository (no .ci/run above "
                    + Path.of("").toAbsolutePath() + ").");
        }
        return dir;
    }

    public static Path mirror() {
        String configured = System.getenv("AVATAR_MIRROR");
        Path mirror = configured == null || configured.isBlank()
                ? repositoryRoot().resolveSibling("shared") : Path.of(configured);
        if (!Files.isDirectory(mirror.resolve("assets")) || !Files.isDirectory(mirror.resolve("models"))) {
            throw new IllegalStateException("Test assets not found at " + mirror.toAbsolutePath()
                    + "; set AVATAR_MIRROR to the shared folder (models/ and assets/).");
        }
        return mirror.toAbsolutePath().normalize();
    }

    /** The sample media: {@code faces/}, {@code audio/}, {@code video/}. */
    public static Path assets() {
        return mirror().resolve("assets");
    }

    public static Path face(String name) {
        return assets().resolve("faces").resolve(name);
    }

    public static Path audio(String name) {
        return assets().resolve("audio").resolve(name);
    }

    public static Path video(String name) {
        return assets().resolve("video").resolve(name);
    }

    /**
     * The variables a render process needs: models from the mirror, any download into {@code cache},
     * never the user's. Mutable, for callers that add their own.
     */
    public static Map<String, String> environment(Path cache) {
        Map<String, String> env = new HashMap<>();
        env.put("AVATAR_MIRROR", mirror().toString());
        env.put("AVATAR_CACHE_DIR", cache.toString());
        return env;
    }

    /** A registry that reads the mirror and would download into {@code cache}, never the user's. */
    public static ModelRegistry models(Path cache) {
        return new ModelRegistry(ModelManifest.bundled(), environment(cache), new PrintStream(new ByteArrayOutputStream()));
    }
}
