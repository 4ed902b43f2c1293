package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A job's callback (signed, as on the CloudEvent route), and its expiry: after the retention its files are gone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobRetentionTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "job-callback-secret";
    private static Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        work = ServiceEnvironment.register(properties, Map.of(
                "AVATAR_JOB_RETENTION_MINUTES", "0.03",
                "AVATAR_FETCH_ALLOWED_HOSTS", "127.0.0.1",
                "AVATAR_WEBHOOK_SECRET", SECRET));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aFinishedJobCallsBackSignedThenExpiresWithItsFiles() throws Exception {
        try (CallbackServer receiver = new CallbackServer()) {
            String body = "{\"avatarUrl\":\"" + TestAssets.face("portrait_woman_474.png") + "\",\"audioUrl\":\""
                    + TestAssets.audio("speech_en_8s_16k_stereo.wav") + "\",\"width\":128,\"height\":128,\"fps\":10,"
                    + "\"jobId\":\"expiring-1\",\"callbackUrl\":\"" + receiver.url() + "\"}";
            HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/jobs"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, accepted.statusCode(), accepted.body());

            CallbackServer.Received call = receiver.next(Duration.ofSeconds(60));
            JsonNode event = JSON.readTree(call.body());
            assertEquals("com.videogenie.avatar.render.completed", event.path("type").asString());
            assertEquals("expiring-1", event.path("data").path("jobId").asString());
            call.assertSignedWith(SECRET);

            Path video = Path.of(URI.create(event.path("data").path("outputUrl").asString()));
            assertTrue(Files.exists(video));
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (get("/jobs/expiring-1").statusCode() == 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(404, get("/jobs/expiring-1").statusCode(), "forgotten after the retention");
            assertFalse(Files.exists(video), "its video is removed");
            assertFalse(Files.exists(video.resolveSibling(video.getFileName() + ".result.json")), "and its stored result");
            try (Stream<Path> walk = Files.walk(work.resolve("jobs"), 2)) {
                assertEquals(0, walk.filter(p -> p.getFileName().toString().startsWith("job-expiring-1-")).count());
            }
        }
    }
}
