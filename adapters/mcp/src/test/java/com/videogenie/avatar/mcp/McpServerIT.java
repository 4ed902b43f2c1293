package com.videogenie.avatar.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.ProtocolVersions;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged server as a gateway runs it: {@code java -jar target/avatar-mcp.jar} as a
 * subprocess on stdio, driven by the MCP SDK's own client, rendering the shared assets. One server
 * serves every test in order, as one client session would. Its standard output is also copied to a
 * file on the way ({@code | tee}), so the last test can check that nothing but JSON-RPC came out.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class McpServerIT {
    private static final McpJsonMapper JSON = McpJsonDefaults.getMapper();
    private static final TypeRef<Map<String, Object>> MAP = new TypeRef<>() {
    };

    @TempDir
    static Path work;
    private static Path output;
    private static Path rawStdout;
    private static RecordingTransport transport;
    private static McpSyncClient client;
    private static final List<ProgressNotification> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        Path jar = Path.of(System.getProperty("avatar.mcp.jar", "target/avatar-mcp.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "package the server first: " + jar);
        output = Files.createDirectories(work.resolve("out"));
        rawStdout = work.resolve("stdout.jsonl");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ServerParameters server = ServerParameters.builder("bash")
                .args("-c", "set -o pipefail; \"$0\" -Xmx768m -XX:+UseSerialGC -jar \"$1\" | tee \"$2\"",
                        java.toString(), jar.toString(), rawStdout.toString())
                .env(serverEnvironment(work.resolve("cache"), output))
                .build();
        StdioClientTransport stdio = new StdioClientTransport(server, JSON);
        stdio.setStdErrorHandler(line -> System.err.println("[server] " + line));
        transport = new RecordingTransport(stdio);
        client = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("avatar-mcp-it", "1"))
                .initializationTimeout(Duration.ofMinutes(1))
                .requestTimeout(Duration.ofMinutes(3))
                .progressConsumer(progress::add)
                .build();
    }

    @AfterAll
    static void stopServer() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    private static Map<String, Object> arguments(String face, String audio) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("avatar_path", TestAssets.face(face).toString());
        arguments.put("audio_path", TestAssets.audio(audio).toString());
        return arguments;
    }

    private static CallToolResult call(Map<String, Object> arguments, Object progressToken) {
        CallToolRequest.Builder request = CallToolRequest.builder().name("render_avatar").arguments(arguments);
        return client.callTool(progressToken == null ? request.build() : request.progressToken(progressToken).build());
    }

    private static String text(CallToolResult result) {
        return assertInstanceOf(McpSchema.TextContent.class, result.content().get(0)).text();
    }

    private static List<ProgressNotification> progressFor(Object token) {
        return progress.stream().filter(p -> token.equals(p.progressToken())).toList();
    }

    private static Map<String, Object> manifestTool() throws Exception {
        Map<String, Object> manifest = JSON.readValue(Files.readString(TestFiles.manifest()), MAP);
        return JSON.convertValue(((List<?>) manifest.get("tools")).get(0), MAP);
    }

    @Test
    @Order(1)
    void initializeNegotiatesTheNewestProtocol() {
        McpSchema.InitializeResult init = client.initialize();

        List<String> supported = transport.protocolVersions();
        assertEquals(supported.get(supported.size() - 1), init.protocolVersion(), "the newest the SDK speaks");
        assertEquals(ProtocolVersions.MCP_2025_11_25, init.protocolVersion());
        assertEquals("avatar-renderer", init.serverInfo().name());
        assertNotNull(init.capabilities().tools());
    }

    @Test
    @Order(2)
    void listsRenderAvatarWithTheManifestsSchemas() throws Exception {
        List<McpSchema.Tool> tools = client.listTools().tools();

        assertEquals(1, tools.size());
        McpSchema.Tool tool = tools.get(0);
        Map<String, Object> declared = manifestTool();
        assertEquals(declared.get("name"), tool.name());
        assertEquals(declared.get("description"), tool.description());
        assertEquals(declared.get("inputSchema"), tool.inputSchema());
        assertEquals(declared.get("outputSchema"), tool.outputSchema());
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void aDriverVideoMovesTheHeadAndTheResultSaysSo() throws Exception {
        Map<String, Object> arguments = arguments("portrait_woman_256.png", "speech_en_8s_16k_stereo.wav");
        arguments.put("driver_video", TestAssets.video("driver_head_motion_3s.mp4").toString());
        arguments.put("width", 256);
        arguments.put("height", 256);

        CallToolResult result = call(arguments, null);

        assertFalse(Boolean.TRUE.equals(result.isError()), () -> text(result));
        Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
        assertEquals("driver", ((Map<String, Object>) structured.get("stages")).get("motion"));
        assertEquals(200, ((Number) structured.get("frames")).intValue());
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void rendersAValidMp4AndReportsProgress() throws Exception {
        Map<String, Object> arguments = arguments("portrait_woman_474.png", "speech_en_8s_16k_stereo.wav");
        arguments.put("output_path", "hello.mp4");
        arguments.put("seed", 7);

        CallToolResult result = call(arguments, "render-1");

        assertFalse(Boolean.TRUE.equals(result.isError()), () -> text(result));
        Path video = output.resolve("hello.mp4");
        Map<String, Object> structured = (Map<String, Object>) result.structuredContent();
        assertEquals(video.toUri().toString(), structured.get("outputUrl"));
        assertEquals(200, ((Number) structured.get("frames")).intValue());
        assertEquals(7, ((Number) structured.get("seed")).intValue());
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.start();
            assertEquals(512, grabber.getImageWidth());
            assertEquals(512, grabber.getImageHeight());
            assertEquals(25.0, grabber.getFrameRate(), 0.01);
            assertTrue(grabber.getAudioChannels() > 0, "the video carries the speech");
            assertEquals(8.0, grabber.getLengthInTime() / 1e6, 0.1);
        }

        McpSchema.ResourceLink link = assertInstanceOf(McpSchema.ResourceLink.class, result.content().get(1));
        assertEquals(video.toUri().toString(), link.uri());
        assertEquals("video/mp4", link.mimeType());
        assertEquals(Files.size(video), link.size());
        McpSchema.ResourceLink posterLink = assertInstanceOf(McpSchema.ResourceLink.class, result.content().get(2));
        assertEquals(output.resolve("hello.poster.jpg").toUri().toString(), posterLink.uri());
        McpSchema.ImageContent poster = assertInstanceOf(McpSchema.ImageContent.class, result.content().get(3));
        BufferedImage frame = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(poster.data())));
        assertEquals(512, frame.getWidth(), "the first frame, whole");
        assertEquals(512, frame.getHeight());

        List<ProgressNotification> reported = progressFor("render-1");
        assertTrue(reported.size() >= 2, "progress while rendering: " + reported);
        for (int i = 1; i < reported.size(); i++) {
            assertTrue(reported.get(i).progress() > reported.get(i - 1).progress(), "progress only grows");
        }
        ProgressNotification last = reported.get(reported.size() - 1);
        assertEquals(200.0, last.total());
        assertEquals(200.0, last.progress());
    }

    @Test
    @Order(4)
    void cancellationStopsTheRenderAndLeavesNoFile() throws Exception {
        Map<String, Object> arguments = arguments("photo_woman_1080.jpg", "speech_en_60s_16k_mono.wav");
        arguments.put("output_path", "cancelled.mp4");
        List<Path> before = outputFiles();
        CompletableFuture<CallToolResult> call = CompletableFuture.supplyAsync(() -> call(arguments, "render-2"));
        awaitProgress("render-2");

        transport.sendMessage(new McpSchema.JSONRPCNotification(McpSchema.JSONRPC_VERSION, "notifications/cancelled",
                Map.of("requestId", transport.lastRequestId(McpSchema.METHOD_TOOLS_CALL), "reason", "test"))).block();
        CallToolResult result = call.get(60, TimeUnit.SECONDS);

        assertTrue(result.isError());
        assertTrue(text(result).startsWith("CANCELLED: "), text(result));
        List<ProgressNotification> reported = progressFor("render-2");
        assertTrue(reported.get(reported.size() - 1).progress() < 1500, "stopped before the last of 1500 frames");
        assertEquals(before, outputFiles(), "no video, no partial file");
    }

    private static List<Path> outputFiles() throws Exception {
        try (Stream<Path> files = Files.list(output)) {
            return files.sorted().toList();
        }
    }

    private static void awaitProgress(Object token) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (progressFor(token).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "no progress for " + token);
            Thread.sleep(10);
        }
    }

    static Stream<Arguments> badInputs() {
        Path outside = work.resolve("elsewhere/escaped.mp4");
        return Stream.of(
                Arguments.of("a cat, no human face", Map.of("avatar_path", TestAssets.face("cat_no_human_face.jpg")),
                        "NO_FACE_DETECTED", "face"),
                Arguments.of("a photo given as the audio", Map.of("audio_path", TestAssets.face("portrait_woman_256.png")),
                        "UNREADABLE_AUDIO", "Use WAV, MP3"),
                Arguments.of("a file outside the allowed folders", Map.of("avatar_path", "/etc/passwd"),
                        "PATH_NOT_ALLOWED", "avatar_path: reading /etc/passwd is not allowed"),
                Arguments.of("an output outside the output folder", Map.of("output_path", outside),
                        "PATH_NOT_ALLOWED", "outputs must be inside"),
                Arguments.of("an output that climbs out of the output folder", Map.of("output_path", "../escaped.mp4"),
                        "PATH_NOT_ALLOWED", "outputs must be inside"),
                Arguments.of("a photo that does not exist", Map.of("avatar_path", TestAssets.face("nobody.png")),
                        "INPUT_NOT_FOUND", "no such file"),
                Arguments.of("a URL scheme the server does not read", Map.of("avatar_path", "ftp://example.com/face.jpg"),
                        "UNSUPPORTED_INPUT", "'ftp:' scheme"),
                Arguments.of("a driver video with no face", Map.of("driver_video", TestAssets.face("cat_no_human_face.jpg")),
                        "NO_FACE_DETECTED", "driver video (driver_video)"),
                Arguments.of("a driver video outside the allowed folders", Map.of("driver_video", "/etc/hostname"),
                        "PATH_NOT_ALLOWED", "driver_video: reading /etc/hostname is not allowed"),
                Arguments.of("motion driver without a driver video", Map.of("motion", "driver"),
                        "INVALID_REQUEST", "needs driver_video"));
    }

    @Order(5)
    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsAToolErrorThatSaysWhatToFix(String what, Map<String, Object> change, String code, String hint)
            throws Exception {
        Map<String, Object> arguments = arguments("portrait_woman_256.png", "speech_en_8s_16k_stereo.wav");
        change.forEach((name, value) -> arguments.put(name, value.toString()));

        CallToolResult result = call(arguments, null);

        assertTrue(result.isError(), what);
        assertTrue(text(result).startsWith(code + ": "), text(result));
        assertTrue(text(result).contains(hint), text(result));
        assertFalse(Files.exists(work.resolve("elsewhere")), "nothing written outside the output folder");
        assertFalse(Files.exists(work.resolve("escaped.mp4")), "nothing written outside the output folder");
    }

    @Test
    @Order(6)
    void unknownToolIsAJsonRpcError() {
        McpError error = assertThrows(McpError.class,
                () -> client.callTool(new CallToolRequest("render_everything", Map.of())));

        assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, error.getJsonRpcError().code());
    }

    @Test
    @Order(7)
    void argumentsOutsideTheSchemaAreAJsonRpcError() {
        Map<String, Object> arguments = arguments("portrait_woman_256.png", "speech_en_8s_16k_stereo.wav");
        arguments.remove("audio_path");
        arguments.put("width", "wide");

        McpError error = assertThrows(McpError.class, () -> call(arguments, null));

        assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, error.getJsonRpcError().code());
        assertTrue(error.getMessage().contains("audio_path"), error.getMessage());
        assertTrue(error.getMessage().contains("width"), error.getMessage());
    }

    /** Malformed tools/call arguments: each changes (or, with null, removes) one argument of a good call. */
    static Stream<Arguments> malformedArguments() {
        Map<String, Object> nested = Map.of("a", List.of(Map.of("b", List.of())));
        return Stream.of(
                Arguments.of("avatar_path a number", "avatar_path", 5),
                Arguments.of("avatar_path an object", "avatar_path", nested),
                Arguments.of("avatar_path missing", "avatar_path", null),
                Arguments.of("audio_path a list", "audio_path", List.of("a.wav")),
                Arguments.of("audio_path with control characters", "audio_path", "a\u0000b\u0007.wav"),
                Arguments.of("audio_path a huge string", "audio_path", "/" + "x".repeat(100_000)),
                Arguments.of("width a string", "width", "wide"),
                Arguments.of("width out of range", "width", 100_000),
                Arguments.of("width a fraction", "width", 2.5),
                Arguments.of("fps zero", "fps", 0),
                Arguments.of("seed beyond 64 bits", "seed", 1e300),
                Arguments.of("seed a boolean", "seed", true),
                Arguments.of("renderer a number", "renderer", 3),
                Arguments.of("renderer unknown", "renderer", "teleport"),
                Arguments.of("motion unknown", "motion", "dance"),
                Arguments.of("output_path an object", "output_path", nested),
                Arguments.of("an argument the tool does not have", "colour", "blue"));
    }

    @Order(7)
    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedArguments")
    void malformedArgumentsAreRefusedWithACode(String what, String name, Object value) {
        Map<String, Object> arguments = arguments("portrait_woman_256.png", "speech_en_8s_16k_stereo.wav");
        if (value == null) {
            arguments.remove(name);
        } else {
            arguments.put(name, value);
        }
        try {
            CallToolResult result = call(arguments, null);
            assertTrue(Boolean.TRUE.equals(result.isError()), what + " rendered: " + text(result));
            assertTrue(text(result).matches("(?s)[A-Z_]+: .*"), "a coded tool error: " + text(result));
            assertFalse(text(result).contains("Exception"), text(result));
        } catch (McpError error) {
            assertEquals(McpSchema.ErrorCodes.INVALID_PARAMS, error.getJsonRpcError().code(), what);
            assertTrue(error.getMessage().contains(name), "names the argument: " + error.getMessage());
        }
    }

    @Test
    @Order(8)
    void servesTheNextCallAfterAllThat() {
        Map<String, Object> arguments = arguments("photo_man_bw_375x500.jpg", "speech_ja_9s_48k_stereo.wav");
        arguments.put("width", 256);
        arguments.put("height", 320);

        CallToolResult result = call(arguments, null);

        assertFalse(Boolean.TRUE.equals(result.isError()), () -> text(result));
        assertTrue(client.ping() != null);
    }

    @Test
    @Order(100)
    void standardOutputCarriedNothingButJsonRpc() throws Exception {
        List<String> lines = Files.readAllLines(rawStdout);

        assertTrue(lines.size() > 20, "the whole session went through stdout: " + lines.size() + " lines");
        for (String line : lines) {
            Map<String, Object> message = JSON.readValue(line, MAP);
            assertEquals("2.0", message.get("jsonrpc"), line);
            assertTrue(message.containsKey("method") || message.containsKey("result") || message.containsKey("error"),
                    "a request, notification or response: " + line);
        }
        assertTrue(lines.stream().anyMatch(l -> l.contains("\"notifications/progress\"")), "progress came this way");
    }

    private static Map<String, String> serverEnvironment(Path cache, Path output) {
        Map<String, String> env = TestAssets.environment(cache);
        env.put("AVATAR_ALLOWED_INPUT_DIRS", TestAssets.assets().toString());
        env.put("AVATAR_OUTPUT_DIR", output.toString());
        return env;
    }
}
