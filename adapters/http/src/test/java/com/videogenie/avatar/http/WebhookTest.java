package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.videogenie.avatar.TestAssets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Callbacks over real HTTP: the service posts the reply event, signed, to a receiver on 127.0.0.1
 * (allow-listed here, as a trusted in-cluster host would be), and retries one that fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebhookTest {
    private static final String SECRET = "webhook-test-secret";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        ServiceEnvironment.register(properties, Map.of(
                "AVATAR_FETCH_ALLOWED_HOSTS", "127.0.0.1",
                "AVATAR_WEBHOOK_SECRET", SECRET,
                "AVATAR_WEBHOOK_RETRY_MILLIS", "50"));
    }

    private HttpResponse<String> requestWithCallback(String id, String face, URI callback) throws Exception {
        String data = "{\"avatarUrl\":\"" + TestAssets.face(face) + "\",\"audioUrl\":\""
                + TestAssets.audio("speech_en_8s_16k_stereo.wav") + "\",\"width\":128,\"height\":128,\"fps\":10,"
                + "\"callbackUrl\":\"" + callback + "\"}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-type", "com.videogenie.avatar.render.requested").header("ce-source", "/tests")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void completedEventIsPostedSignedToTheCallbackAfterTheReply() throws Exception {
        try (CallbackServer receiver = new CallbackServer()) {
            HttpResponse<String> reply = requestWithCallback("hook-done", "portrait_woman_474.png", receiver.url());
            assertEquals(200, reply.statusCode(), reply.body());

            CallbackServer.Received call = receiver.next(Duration.ofSeconds(20));
            assertEquals("application/cloudevents+json", call.header("Content-Type"));
            call.assertSignedWith(SECRET);
            JsonNode event = JSON.readTree(call.body());
            assertEquals("com.videogenie.avatar.render.completed", event.get("type").asString());
            assertEquals("hook-done", event.get("correlationid").asString());
            assertEquals(JSON.readTree(reply.body()), event.get("data"), "the callback carries the reply's result");
            assertEquals(reply.headers().firstValue("ce-id").orElseThrow(), event.get("id").asString());
            Thread.sleep(300);
            assertEquals(1, receiver.count(), "one delivery for one answered callback");
        }
    }

    @Test
    void failingCallbackIsRetriedUntilItSucceeds() throws Exception {
        try (CallbackServer receiver = new CallbackServer(500, 503)) {
            HttpResponse<String> reply = requestWithCallback("hook-retry", "cat_no_human_face.jpg", receiver.url());
            assertEquals(422, reply.statusCode(), reply.body());

            CallbackServer.Received first = receiver.next(Duration.ofSeconds(20));
            receiver.next(Duration.ofSeconds(20));
            CallbackServer.Received third = receiver.next(Duration.ofSeconds(20));
            third.assertSignedWith(SECRET);
            assertEquals(JSON.readTree(first.body()), JSON.readTree(third.body()), "the same event each time");
            JsonNode event = JSON.readTree(third.body());
            assertEquals("com.videogenie.avatar.render.failed", event.get("type").asString());
            assertEquals("NO_FACE_DETECTED", event.get("data").get("code").asString());
            Thread.sleep(1000);
            assertEquals(3, receiver.count(), "no attempt after the one that succeeded");
        }
    }
}
