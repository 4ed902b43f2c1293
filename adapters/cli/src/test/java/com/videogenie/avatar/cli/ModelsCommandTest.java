package com.videogenie.avatar.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.model.ModelManifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract of {@code avatar models}: every manifest model verified and its path printed as JSON. */
class ModelsCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path cache;

    @Test
    void printsTheVerifiedPathOfEveryManifestModel() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = AvatarCli.run(new String[] {"models"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), TestAssets.environment(cache));

        assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
        JsonNode models = JSON.readTree(out.toString(StandardCharsets.UTF_8)).get("models");
        assertEquals(ModelManifest.bundled().specs().size(), models.size());
        models.fields().forEachRemaining(entry -> assertTrue(Files.isRegularFile(Path.of(entry.getValue().asText())),
                entry.getKey() + " at " + entry.getValue()));
    }

    @Test
    void failsWithModelUnavailableWhenThePinnedFolderIsEmpty() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("AVATAR_MODELS_DIR", cache.toString(), "AVATAR_CACHE_DIR", cache.toString());

        int exit = AvatarCli.run(new String[] {"models"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), env);

        assertEquals(AvatarCli.EXIT_INTERNAL, exit);
        assertEquals("MODEL_UNAVAILABLE", JSON.readTree(out.toString(StandardCharsets.UTF_8)).at("/error/code").asText());
    }
}
