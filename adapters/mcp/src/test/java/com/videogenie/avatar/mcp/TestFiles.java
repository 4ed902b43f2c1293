package com.videogenie.avatar.mcp;

import com.videogenie.avatar.TestAssets;
import java.nio.file.Path;

/** The gateway manifest the MCP tests check; assets and models come from the core's {@link TestAssets}. */
final class TestFiles {
    private TestFiles() {
    }

    /** The gateway manifest at the repository root, as the build passes it (or found from here). */
    static Path manifest() {
        String configured = System.getProperty("avatar.mcp.manifest");
        return configured != null ? Path.of(configured).toAbsolutePath().normalize()
                : TestAssets.repositoryRoot().resolve("mcp-tool.json");
    }
}
