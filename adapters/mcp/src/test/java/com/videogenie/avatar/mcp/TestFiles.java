package com.videogenie.avatar.mcp;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where tests find things: the repository root (two levels above this module) and the shared test
 * assets and models, {@code $AVATAR_MIRROR}, else the {@code shared} folder beside the repository.
 * Missing assets fail loudly: skipping would hide a broken CI set-up.
 */
final class TestFiles {
    private TestFiles() {
    }

    static Path repositoryRoot() {
        return Path.of("../..").toAbsolutePath().normalize();
    }

    static Path mirror() {
        String configured = System.getenv("AVATAR_MIRROR");
        Path mirror = configured == null || configured.isBlank() ? repositoryRoot().resolveSibling("shared")
                : Path.of(configured).toAbsolutePath().normalize();
        if (!Files.isDirectory(mirror.resolve("assets")) || !Files.isDirectory(mirror.resolve("models"))) {
            throw new IllegalStateException("Test assets not found at " + mirror
                    + "; set AVATAR_MIRROR to the shared folder (models/ and assets/).");
        }
        return mirror;
    }

    static Path assets() {
        return mirror().resolve("assets");
    }

    static Path face(String name) {
        return assets().resolve("faces").resolve(name);
    }

    static Path audio(String name) {
        return assets().resolve("audio").resolve(name);
    }

    static Path video(String name) {
        return assets().resolve("video").resolve(name);
    }

    /** The gateway manifest at the repository root, as the build passes it (or found from here). */
    static Path manifest() {
        String configured = System.getProperty("avatar.mcp.manifest");
        return configured != null ? Path.of(configured).toAbsolutePath().normalize()
                : repositoryRoot().resolve("mcp-tool.json");
    }
}
