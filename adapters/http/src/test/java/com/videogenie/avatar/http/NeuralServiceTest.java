package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.neural.StandInNetworks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service with the FOMM stand-in networks mounted through its environment, as a pod mounts real
 * exports: a request naming {@code fomm} and one leaving the choice to {@code auto} both run it, with
 * no adapter code knowing the backend.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NeuralServiceTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        ServiceEnvironment.register(properties, Map.of(
                "AVATAR_NEURAL_DIR", StandInNetworks.fomm().toString(),
                "AVATAR_ALLOW_NONCOMMERCIAL", "true",
                "AVATAR_NEURAL_BATCH", "4",
                "AVATAR_WARMUP_IMAGE", TestAssets.face("portrait_woman_256.png").toString(),
                "AVATAR_WARMUP_AUDIO", TestAssets.audio("speech_en_8s_16k_stereo.wav").toString()));
    }

    @Test
    void aRequestNamingFommAndOneLeavingItToAutoBothRunTheMountedNetworks() throws Exception {
        for (String renderer : new String[] {"fomm", "auto"}) {
            String body = "{\"avatarUrl\":\"" + TestAssets.face("portrait_woman_474.png") + "\",\"audioUrl\":\""
                    + TestAssets.audio("speech_en_8s_16k_stereo.wav") + "\",\"width\":128,\"height\":128,\"fps\":10,"
                    + "\"renderer\":\"" + renderer + "\"}";
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/renderAvatar")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode result = JSON.readTree(response.body());
            assertEquals("fomm", result.get("renderer").asString(), renderer + ": " + response.body());
            assertTrue(result.get("frames").asInt() > 70, response.body());
        }
    }
}
