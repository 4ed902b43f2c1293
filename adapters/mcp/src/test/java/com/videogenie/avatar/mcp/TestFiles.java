package com.videogenie.avatar.mcp;

import com.videogenie.avatar.TestAssets;
import java.nio.file.Path;

/** Where the MCP tests find things: the repository, the shared assets and models (via the core's {@link TestAssets}). */
final class TestFiles {
    private TestFiles() {
    }

    static Path repositoryRoot() {
        return TestAssets.repositoryRoot();
    }

    static Path mirror() {
        return TestAssets.mirror();
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
