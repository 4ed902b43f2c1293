package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live WebSocket over a real connection: the shared 8 s speech streamed in 20 ms chunks at
 * real-time pace, with the delay from audio sent to video received measured on the client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveSocketTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        work = SharedAssets.serviceEnvironment(properties, Map.of(
                "AVATAR_WARMUP_IMAGE", SharedAssets.face("portrait_woman_256.png").toString(),
                "AVATAR_MAX_LIVE_SESSIONS", "2",
                "AVATAR_LIVE_IDLE_SECONDS", "2"));
    }

    @Test
    void streamsLipSyncedVideoWhileTheSpeechArrives() throws Exception {
        byte[] pcm = LiveSpeaker.speech("speech_en_8s_16k_stereo.wav");
        LiveSpeaker.Result result = LiveSpeaker.open(port, LiveSpeaker.portraitStart())
                .speak(pcm, LiveSpeaker.Pace.REAL_TIME, true, chunk -> { });
        assertTrue(result.errors().isEmpty(), () -> "error lines: " + result.errors());
        assertTrue(result.unexpected().isEmpty(), () -> "unexpected lines: " + result.unexpected());
        assertEquals(1000, result.closeCode(), "normal close after done");

        int expectedFrames = LiveSpeaker.frames(pcm.length);
        assertEquals(expectedFrames, result.fragments(), "one fragment per frame of audio");
        assertEquals(expectedFrames, result.done().get("frames").asInt());

        double[] latency = result.latencyMs();
        double firstBytes = result.firstFragmentMs();
        double p95 = LiveSpeaker.percentile(latency, 0.95);
        double[] server = result.serverLatencyMs();
        System.out.printf("live: ready %.0f ms after connect; first video bytes %.0f ms after the first audio chunk"
                        + " (first frame needs %.0f ms of audio); end-to-end frame latency p50 %.1f ms, p95 %.1f ms,"
                        + " max %.1f ms; server-side p50 %.1f ms, p95 %.1f ms; %d frames%n", result.readyMs(),
                firstBytes, (1.0 / LiveSpeaker.FPS + LiveSpeaker.LOOK_AHEAD) * 1000,
                LiveSpeaker.percentile(latency, 0.5), p95, LiveSpeaker.percentile(latency, 1),
                LiveSpeaker.percentile(server, 0.5), LiveSpeaker.percentile(server, 0.95), latency.length);
        // About 150 ms and 65 ms on a 2-core machine; 120 ms of the first are the first frame's own sound
        // and look-ahead, and the muxer closes each fragment when the next frame arrives (40 ms).
        assertTrue(firstBytes < 300, "first video bytes after " + firstBytes + " ms");
        assertTrue(p95 < 250, "p95 frame latency " + p95 + " ms");

        Path file = work.resolve("live.mp4");
        Files.write(file, result.video());
        assertEquals(expectedFrames, SharedAssets.h264Frames(file));
    }

    @Test
    void refusesSessionsBeyondTheLimitWith503() throws Exception {
        LiveClient first = LiveClient.connect(port);
        LiveClient second = LiveClient.connect(port);
        CompletionException refused = assertThrows(CompletionException.class, () -> LiveClient.connect(port));
        WebSocketHandshakeException handshake = (WebSocketHandshakeException) refused.getCause();
        assertEquals(503, handshake.getResponse().statusCode());
        first.socket().sendClose(1000, "");
        second.socket().sendClose(1000, "");
        first.next(5);
        second.next(5);
    }

    @Test
    void endsAnIdleSessionWithACode() throws Exception {
        LiveClient client = LiveClient.connect(port);
        client.sendText("{\"avatarUrl\":\"" + portrait() + "\",\"width\":128,\"height\":128}");
        assertEquals("ready", json(client.next(30)).get("type").asString());
        assertNotNull(client.next(5).bytes());
        JsonNode error = json(client.next(10));
        assertEquals("error", error.get("type").asString());
        assertEquals("IDLE_TIMEOUT", error.get("code").asString());
        assertEquals(1008, client.next(5).closeCode());
    }

    @Test
    void refusesAPhotoOutsideTheAllowedFolders() throws Exception {
        LiveClient client = LiveClient.connect(port);
        client.sendText("{\"avatarUrl\":\"/etc/hostname\"}");
        JsonNode error = json(client.next(30));
        assertEquals("error", error.get("type").asString());
        assertEquals("PATH_NOT_ALLOWED", error.get("code").asString(), error.toString());
        assertEquals(1008, client.next(5).closeCode());
    }

    @Test
    void servesTheLivePageAtTheRoot() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("new WebSocket("), "the page opens the live socket");
    }

    private static String portrait() {
        return SharedAssets.face("portrait_woman_474.png").toString();
    }

    private static JsonNode json(LiveClient.Message message) {
        assertNotNull(message.text(), () -> "expected a text message, got " + (message.bytes() != null
                ? message.bytes().length + " bytes" : "close " + message.closeCode()));
        return JSON.readTree(message.text());
    }
}
