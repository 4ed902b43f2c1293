package com.videogenie.avatar.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The gateway manifest, {@code mcp-tool.json} at the repository root, packaged into the jar: the
 * server's name and version and the one definition of the tool it serves, schemas included.
 *
 * @param name        the server's name
 * @param title       the server's display name
 * @param version     the server's version
 * @param tool        the tool as {@code tools/list} lists it
 * @param inputSchema the tool's input schema, whole, for validating arguments
 */
record ToolManifest(String name, String title, String version, McpSchema.Tool tool, Map<String, Object> inputSchema) {
    static final String RESOURCE = "/mcp-tool.json";
    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
    };

    static ToolManifest bundled(McpJsonMapper json) {
        try (InputStream in = ToolManifest.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath; rebuild the adapter.");
            }
            return parse(json, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    static ToolManifest parse(McpJsonMapper json, String text) throws IOException {
        Map<String, Object> manifest = json.readValue(text, MAP);
        List<?> tools = (List<?>) manifest.get("tools");
        if (tools == null || tools.size() != 1) {
            throw new IllegalStateException(RESOURCE + " must declare exactly one tool.");
        }
        Map<String, Object> tool = json.convertValue(tools.get(0), MAP);
        return new ToolManifest((String) manifest.get("name"), (String) manifest.get("title"),
                (String) manifest.get("version"), json.convertValue(tool, McpSchema.Tool.class),
                json.convertValue(tool.get("inputSchema"), MAP));
    }
}
