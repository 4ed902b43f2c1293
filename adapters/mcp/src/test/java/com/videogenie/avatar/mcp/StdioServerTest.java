package com.videogenie.avatar.mcp;

import static com.videogenie.avatar.mcp.LineClient.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on in-memory streams with a stand-in renderer: the MCP wire contract, line by line. */
class StdioServerTest {
    @TempDir
    Path out;
    private LineClient client;
    private StubRenderer renderer;
    private AvatarMcpServer server;

    @BeforeEach
    void start() throws Exception {
        client = new LineClient();
        renderer = new StubRenderer(out);
        server = new AvatarMcpServer(client.serverInput, client.serverOutput, () -> renderer, 2);
        client.request(1, "initialize", Map.of("protocolVersion", "2025-11-25", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "test", "version", "1")));
    }

    @AfterEach
    void stop() throws IOException {
        renderer.release();
        client.close();
        server.close();
    }

    private void initialized() throws Exception {
        client.responseTo(1);
        client.notify("notifications/initialized", Map.of());
    }

    private static Map<String, Object> call(Map<String, Object> arguments, Object progressToken) {
        return progressToken == null ? Map.of("name", "render_avatar", "arguments", arguments)
                : Map.of("name", "render_avatar", "arguments", arguments, "_meta", Map.of("progressToken", progressToken));
    }

    private static Map<String, Object> renderArguments(String audio) {
        return Map.of("avatar_path", "/in/face.png", "audio_path", "/in/" + audio, "width", 128, "height", 128);
    }

    private static String text(Map<String, Object> response) {
        List<?> content = (List<?>) map(response.get("result")).get("content");
        return (String) map(content.get(0)).get("text");
    }

    @Test
    void answersInitializeWithTheNewestProtocolAndItsName() throws Exception {
        Map<String, Object> result = map(client.responseTo(1).get("result"));

        assertEquals("2025-11-25", result.get("protocolVersion"));
        assertEquals("avatar-renderer", map(result.get("serverInfo")).get("name"));
        assertTrue(map(result.get("capabilities")).containsKey("tools"));
    }

    @Test
    void answersAnOlderClientInItsOwnRevision() throws Exception {
        client.request(2, "initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "old", "version", "1")));
        client.responseTo(1);

        assertEquals("2025-06-18", map(client.responseTo(2).get("result")).get("protocolVersion"));
    }

    @Test
    void listsTheOneToolWithBothSchemas() throws Exception {
        initialized();
        client.request(2, "tools/list", Map.of());

        List<?> tools = (List<?>) map(client.responseTo(2).get("result")).get("tools");

        assertEquals(1, tools.size());
        Map<String, Object> tool = map(tools.get(0));
        assertEquals("render_avatar", tool.get("name"));
        assertEquals(List.of("avatar_path", "audio_path"), map(tool.get("inputSchema")).get("required"));
        assertTrue(map(map(tool.get("outputSchema")).get("properties")).containsKey("outputUrl"));
    }

    @Test
    void reportsProgressInFramesForACallWithAProgressToken() throws Exception {
        initialized();
        client.request(2, "tools/call", call(renderArguments("speech.wav"), "token-2"));

        Map<String, Object> response = client.responseTo(2);

        assertEquals(Boolean.FALSE, map(response.get("result")).get("isError"));
        List<Map<String, Object>> progress = client.notifications("notifications/progress");
        assertFalse(progress.isEmpty());
        double last = 0;
        for (Map<String, Object> notification : progress) {
            Map<String, Object> params = map(notification.get("params"));
            assertEquals("token-2", params.get("progressToken"));
            assertEquals((double) StubRenderer.FRAMES, ((Number) params.get("total")).doubleValue());
            double done = ((Number) params.get("progress")).doubleValue();
            assertTrue(done > last, "progress increases");
            last = done;
        }
        assertEquals(StubRenderer.FRAMES, last, "the last frame is always reported");
    }

    @Test
    void sendsNoProgressWithoutAToken() throws Exception {
        initialized();
        client.request(2, "tools/call", call(renderArguments("speech.wav"), null));

        client.responseTo(2);

        assertTrue(client.notifications("notifications/progress").isEmpty());
    }

    @Test
    void cancelledNotificationStopsTheRender() throws Exception {
        initialized();
        client.request("call-7", "tools/call", call(renderArguments("hold.wav"), null));
        renderer.nextStarted();

        client.notify("notifications/cancelled", Map.of("requestId", "call-7", "reason", "user pressed stop"));
        Map<String, Object> response = client.responseTo("call-7");

        assertEquals(Boolean.TRUE, map(response.get("result")).get("isError"));
        assertTrue(text(response).startsWith("CANCELLED: "), text(response));
        assertEquals(0, renderer.running.get());
    }

    @Test
    void renderFailureIsAToolErrorAndTheServerGoesOn() throws Exception {
        initialized();
        client.request(2, "tools/call", call(Map.of("avatar_path", "/in/cat.png", "audio_path", "/in/speech.wav"), null));
        client.request(3, "tools/call", call(renderArguments("speech.wav"), null));

        Map<String, Object> failed = client.responseTo(2);
        Map<String, Object> next = client.responseTo(3);

        assertEquals(Boolean.TRUE, map(failed.get("result")).get("isError"));
        assertTrue(text(failed).startsWith("NO_FACE_DETECTED: "), text(failed));
        assertNull(failed.get("error"));
        assertEquals(Boolean.FALSE, map(next.get("result")).get("isError"));
    }

    @Test
    void schemaViolationIsAJsonRpcInvalidParamsError() throws Exception {
        initialized();
        client.request(2, "tools/call", call(Map.of("avatar_path", "/in/face.png", "width", "wide"), null));

        Map<String, Object> error = map(client.responseTo(2).get("error"));

        assertEquals(-32602, ((Number) error.get("code")).intValue());
        assertTrue(((String) error.get("message")).contains("audio_path"), error.toString());
        assertTrue(((String) error.get("message")).contains("width"), error.toString());
    }

    @Test
    void unknownToolIsAJsonRpcError() throws Exception {
        initialized();
        client.request(2, "tools/call", Map.of("name", "render_everything", "arguments", Map.of()));

        Map<String, Object> error = map(client.responseTo(2).get("error"));

        assertEquals(-32602, ((Number) error.get("code")).intValue());
        assertTrue(String.valueOf(error.get("data")).contains("render_everything"), error.toString());
    }

    @Test
    void aLineThatIsNotJsonGetsAParseErrorAndTheSessionGoesOn() throws Exception {
        initialized();
        client.sendLine("this is not json");
        Map<String, Object> parseError = client.next();
        client.request(2, "ping", Map.of());

        assertEquals(-32700, ((Number) map(parseError.get("error")).get("code")).intValue());
        assertTrue(parseError.containsKey("id") && parseError.get("id") == null, "JSON-RPC: id null when unknown");
        assertTrue(client.responseTo(2).containsKey("result"));
    }
}
