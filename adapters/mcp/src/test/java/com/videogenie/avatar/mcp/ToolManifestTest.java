package com.videogenie.avatar.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.TestAssets;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** mcp-tool.json, the gateway manifest, is what the server serves and what the core returns. */
class ToolManifestTest {
    private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();
    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
    };

    private static Map<String, Object> onDisk() throws Exception {
        return JSON.readValue(Files.readString(TestFiles.manifest()), MAP);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> toolOnDisk() throws Exception {
        return (Map<String, Object>) ((List<Object>) onDisk().get("tools")).get(0);
    }

    @Test
    void servesTheManifestAtTheRepositoryRoot() throws Exception {
        ToolManifest served = ToolManifest.bundled(JSON);
        Map<String, Object> tool = toolOnDisk();

        assertEquals(onDisk().get("name"), served.name());
        assertEquals(onDisk().get("version"), served.version());
        assertEquals(tool.get("name"), served.tool().name());
        assertEquals(tool.get("description"), served.tool().description());
        assertEquals(tool.get("inputSchema"), served.inputSchema());
        assertEquals(tool.get("outputSchema"), served.tool().outputSchema());
    }

    @Test
    void startsTheServerThroughTheLauncher() throws Exception {
        Map<String, Object> manifest = onDisk();
        Path launcher = TestAssets.repositoryRoot().resolve((String) manifest.get("command"));

        assertEquals("stdio", manifest.get("transport"));
        assertEquals(List.of("mcp"), manifest.get("args"));
        assertTrue(Files.isExecutable(launcher), launcher + " is the command");
        String script = Files.readString(launcher);
        assertTrue(script.contains("mcp)") && script.contains("avatar-$module.jar"),
                "the launcher starts this module's jar (finalName avatar-mcp) for 'mcp'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void outputSchemaDescribesTheRenderResult() throws Exception {
        Map<String, Object> outputSchema = (Map<String, Object>) toolOnDisk().get("outputSchema");
        Set<String> fields = Arrays.stream(RenderResult.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());

        Set<String> nullable = Set.of("downloadUrl", "posterUrl");

        assertEquals(fields, ((Map<String, Object>) outputSchema.get("properties")).keySet());
        assertEquals(fields.stream().filter(f -> !nullable.contains(f)).collect(Collectors.toSet()),
                Set.copyOf((List<String>) outputSchema.get("required")), "every field but the nullable ones");
    }

    @Test
    @SuppressWarnings("unchecked")
    void requiresExactlyThePhotoAndTheAudio() throws Exception {
        Map<String, Object> inputSchema = (Map<String, Object>) toolOnDisk().get("inputSchema");

        assertEquals(List.of("avatar_path", "audio_path"), inputSchema.get("required"));
        assertEquals(false, inputSchema.get("additionalProperties"));
    }
}
