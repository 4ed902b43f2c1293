package com.videogenie.avatar.mcp;

import com.videogenie.avatar.RenderRequest;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;

/**
 * The arguments of a {@code render_avatar} call, checked against the tool's input schema and turned
 * into a {@link RenderRequest}. Arguments the schema rejects (a missing or unknown name, a wrong
 * type, a value out of range) are a protocol error, JSON-RPC "invalid params"; whether the files
 * they name work is the core's verdict, reported as a tool result.
 */
final class RenderArguments {
    static final String AVATAR_PATH = "avatar_path";
    static final String AUDIO_PATH = "audio_path";
    static final String DRIVER_VIDEO = "driver_video";
    static final String WIDTH = "width";
    static final String HEIGHT = "height";
    static final String FPS = "fps";
    static final String SEED = "seed";
    static final String OUTPUT_PATH = "output_path";
    static final String RENDERER = "renderer";
    static final String MOTION = "motion";
    static final String MOUTH = "mouth";
    static final String ENHANCE = "enhance";
    static final String DIFFUSION_STEPS = "diffusion_steps";

    /** The core's request field names, as its messages use them, and the tool's names for them. */
    private static final Map<String, String> TOOL_NAMES = Map.of("avatarUrl", AVATAR_PATH, "audioUrl", AUDIO_PATH,
            "driverVideoUrl", DRIVER_VIDEO, "outputUrl", OUTPUT_PATH, "diffusionSteps", DIFFUSION_STEPS);

    private final String toolName;
    private final Map<String, Object> inputSchema;
    private final JsonSchemaValidator validator;

    RenderArguments(String toolName, Map<String, Object> inputSchema, JsonSchemaValidator validator) {
        this.toolName = toolName;
        this.inputSchema = Map.copyOf(inputSchema);
        this.validator = validator;
    }

    /**
     * @throws McpError INVALID_PARAMS when the arguments do not satisfy the input schema
     * @throws com.videogenie.avatar.AvatarException INVALID_REQUEST for what only the core checks
     */
    RenderRequest toRequest(Map<String, Object> arguments) {
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        refuseNumbersBeyondWhole(args);
        JsonSchemaValidator.ValidationResponse validation = validator.validate(inputSchema, args);
        if (!validation.valid()) {
            throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                    .message("Invalid arguments for " + toolName + ": " + validation.errorMessage())
                    .build();
        }
        return new RenderRequest(text(args, AVATAR_PATH), text(args, AUDIO_PATH), text(args, DRIVER_VIDEO),
                text(args, OUTPUT_PATH), integer(args, WIDTH), integer(args, HEIGHT), integer(args, FPS),
                seed(args), null, null, text(args, RENDERER), text(args, MOTION), text(args, MOUTH),
                text(args, ENHANCE), integer(args, DIFFUSION_STEPS));
    }

    /**
     * An integer argument given as a number no 64-bit integer holds (such as 1e300) makes the schema
     * validator fail on its own conversion, with a message that names no argument: refuse it first.
     */
    private void refuseNumbersBeyondWhole(Map<String, Object> args) {
        if (!(inputSchema.get("properties") instanceof Map<?, ?> properties)) {
            return;
        }
        for (Map.Entry<?, ?> property : properties.entrySet()) {
            boolean integer = property.getValue() instanceof Map<?, ?> schema && "integer".equals(schema.get("type"));
            if (integer && args.get(property.getKey().toString()) instanceof Number number && !fitsInLong(number)) {
                throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
                        .message("Invalid arguments for " + toolName + ": " + property.getKey()
                                + " must be a whole number within 64 bits, not " + number)
                        .build();
            }
        }
    }

    private static boolean fitsInLong(Number number) {
        if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
            return true;
        }
        double value = number.doubleValue();
        return Double.isFinite(value) && Math.abs(value) < 0x1p63;
    }

    /** A core message with the core's field names replaced by the tool's, so it names what to change. */
    static String inToolTerms(String coreMessage) {
        String message = coreMessage;
        for (Map.Entry<String, String> name : TOOL_NAMES.entrySet()) {
            message = message.replaceAll("\\b" + name.getKey() + "\\b", name.getValue());
        }
        return message;
    }

    private static String text(Map<String, Object> args, String name) {
        Object value = args.get(name);
        return value == null ? null : value.toString();
    }

    // The schema has checked the type and range, so these conversions lose nothing.
    private static Integer integer(Map<String, Object> args, String name) {
        Object value = args.get(name);
        return value == null ? null : ((Number) value).intValue();
    }

    private static Long seed(Map<String, Object> args) {
        Object value = args.get(SEED);
        return value == null ? null : ((Number) value).longValue();
    }
}
