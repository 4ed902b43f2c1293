package com.videogenie.avatar.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end on the real models: the bundled manifest against the shared mirror beside the project. */
class SharedMirrorModelsTest {

    @Test
    void resolvesEveryBundledModelFromTheSharedMirror(@TempDir Path cache) throws IOException {
        Path mirror = TestAssets.mirror();
        ModelManifest manifest = ModelManifest.bundled();
        ModelRegistry registry = new ModelRegistry(manifest,
                Map.of("AVATAR_MIRROR", mirror.toString(), "AVATAR_CACHE_DIR", cache.toString()),
                new PrintStream(new ByteArrayOutputStream()));

        Map<String, Path> paths = registry.verifyAll();

        assertEquals(manifest.names(), paths.keySet());
        for (ModelSpec spec : manifest.specs()) {
            Path file = paths.get(spec.name());
            assertEquals(mirror.resolve("models").resolve(spec.file()).toRealPath(), file.toRealPath());
            byte[] bytes = Files.readAllBytes(file);
            assertEquals(spec.size(), bytes.length, spec.name());
            assertEquals(spec.sha256(), TestModels.sha256(bytes), spec.name());
        }
        assertTrue(Files.notExists(cache.resolve("models")), "nothing should be downloaded");
    }
}
