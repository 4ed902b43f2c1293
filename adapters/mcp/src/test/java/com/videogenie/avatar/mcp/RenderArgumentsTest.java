package com.videogenie.avatar.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderRequest;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The tool's arguments against its schema, and their mapping onto the core's request. */
class RenderArgumentsTest {
    private static final ToolManifest MANIFEST = ToolManifest.bundled(McpJsonDefaults.getMapper());
    private static final RenderArguments ARGUMENTS = new RenderArguments(MANIFEST.tool().name(),
            MANIFEST.inputSchema(), McpJsonDefaults.getSchemaValidator());

    private static Map<String, Object> required() {
        Map<String, Object> args = new HashMap<>();
        args.put("avatar_path", "/in/face.png");
        args.put("audio_path", "/in/speech.wav");
        return args;
    }

    @Test
    void mapsEveryArgumentOntoTheRequest() {
        Map<String, Object> args = required();
        args.put("driver_video", "/in/motion.mp4");
        args.put("width", 320);
        args.put("height", 240);
        args.put("fps", 30);
        args.put("seed", 9_007_199_254_740_991L);
        args.put("output_path", "clips/out.mp4");
        args.put("mouth", "diff2lip");
        args.put("enhance", "none");
        args.put("diffusion_steps", 7);

        RenderRequest request = ARGUMENTS.toRequest(args);

        assertEquals(new RenderRequest("/in/face.png", "/in/speech.wav", "/in/motion.mp4", "clips/out.mp4", 320, 240, 30,
                9_007_199_254_740_991L, null, null, null, null, "diff2lip", "none", 7), request);
    }

    @Test
    void everySchemaPropertyIsReadIntoTheRequest() {
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) MANIFEST.inputSchema().get("properties");
        assertEquals(Set.of("avatar_path", "audio_path", "driver_video", "width", "height", "fps", "seed", "renderer",
                        "motion", "mouth", "enhance", "diffusion_steps", "output_path"),
                properties.keySet(), "a property added to mcp-tool.json needs a mapping in RenderArguments");
    }

    @Test
    void leavesOmittedOptionsToTheCoreDefaults() {
        RenderRequest request = ARGUMENTS.toRequest(required());

        assertEquals(RenderRequest.DEFAULT_SIZE, request.width());
        assertEquals(RenderRequest.DEFAULT_SIZE, request.height());
        assertEquals(RenderRequest.DEFAULT_FPS, request.fps());
        assertNull(request.seed());
        assertNull(request.outputUrl());
        assertNull(request.driverVideoUrl());
    }

    @Test
    void schemaLimitsAreTheCoreLimits() {
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) MANIFEST.inputSchema().get("properties");
        for (String size : new String[] {"width", "height"}) {
            assertEquals(RenderRequest.MIN_SIZE, ((Number) properties.get(size).get("minimum")).intValue(), size);
            assertEquals(RenderRequest.MAX_SIZE, ((Number) properties.get(size).get("maximum")).intValue(), size);
            assertEquals(RenderRequest.DEFAULT_SIZE, ((Number) properties.get(size).get("default")).intValue(), size);
        }
        assertEquals(RenderRequest.MAX_FPS, ((Number) properties.get("fps").get("maximum")).intValue());
        assertEquals(RenderRequest.MAX_DIFFUSION_STEPS,
                ((Number) properties.get("diffusion_steps").get("maximum")).intValue());
        assertEquals(RenderRequest.DEFAULT_DIFFUSION_STEPS,
                ((Number) properties.get("diffusion_steps").get("default")).intValue());
        assertEquals(RenderRequest.DEFAULT_FPS, ((Number) properties.get("fps").get("default")).intValue());
    }

    @Test
    void rejectsMissingAudioAsInvalidParams() {
        Map<String, Object> args = required();
        args.remove("audio_path");

        McpError error = assertThrows(McpError.class, () -> ARGUMENTS.toRequest(args));

        assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, error.getJsonRpcError().code());
        assertTrue(error.getMessage().contains("audio_path"), error.getMessage());
    }

    @Test
    void rejectsNoArgumentsAtAll() {
        McpError error = assertThrows(McpError.class, () -> ARGUMENTS.toRequest(null));

        assertTrue(error.getMessage().contains("avatar_path"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"width=big", "width=513", "width=4096", "height=10", "fps=0", "fps=2.5", "seed=-1",
            "colour=blue", "avatar_path=7"})
    void rejectsArgumentsTheSchemaDoesNotAllow(String assignment) {
        String[] parts = assignment.split("=");
        Map<String, Object> args = required();
        args.put(parts[0], parse(parts[1]));

        McpError error = assertThrows(McpError.class, () -> ARGUMENTS.toRequest(args));

        assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, error.getJsonRpcError().code());
        assertTrue(error.getMessage().contains(parts[0]), "the message names the argument: " + error.getMessage());
    }

    @Test
    void blankPathIsTheCoresInvalidRequest() {
        Map<String, Object> args = required();
        args.put("avatar_path", "   ");

        AvatarException error = assertThrows(AvatarException.class, () -> ARGUMENTS.toRequest(args));

        assertEquals(ErrorCode.INVALID_REQUEST, error.code());
    }

    @Test
    void speaksOfTheToolsArgumentNamesInCoreMessages() {
        assertEquals("avatar_path: reading /etc/passwd is not allowed",
                RenderArguments.inToolTerms("avatarUrl: reading /etc/passwd is not allowed"));
        assertEquals("output_path must be a local path; audio_path and driver_video too",
                RenderArguments.inToolTerms("outputUrl must be a local path; audioUrl and driverVideoUrl too"));
        assertEquals("see myavatarUrlx", RenderArguments.inToolTerms("see myavatarUrlx"));
    }

    private static Object parse(String value) {
        if (value.matches("-?\\d+")) {
            return Long.parseLong(value);
        }
        if (value.matches("-?\\d+\\.\\d+")) {
            return Double.parseDouble(value);
        }
        return value;
    }
}
