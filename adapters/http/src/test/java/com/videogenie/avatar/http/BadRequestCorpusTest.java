package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Malformed requests of every kind against the real service over real HTTP: each must get the 4xx
 * its mistake deserves with a stable code in the documented body shape, none a 5xx or a stack trace,
 * and afterwards the service is ready and a good render still succeeds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BadRequestCorpusTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String REQUESTED = "com.videogenie.avatar.render.requested";
    private static final int LIMIT_KB = 16;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        ServiceEnvironment.register(properties, Map.of(
                "AVATAR_WARMUP_IMAGE", TestAssets.face("portrait_woman_256.png").toString(),
                "AVATAR_WARMUP_AUDIO", TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(),
                "AVATAR_MAX_REQUEST_KB", Integer.toString(LIMIT_KB)));
    }

    /** One malformed request and what it must get. */
    private record Case(String name, String method, String path, Map<String, String> headers, byte[] body,
                        int status, String code) {
    }

    private static String portrait() {
        return TestAssets.face("portrait_woman_474.png").toString();
    }

    private static String speech() {
        return TestAssets.audio("speech_en_8s_16k_stereo.wav").toString();
    }

    private static String good() {
        return "{\"avatarUrl\":\"" + portrait() + "\",\"audioUrl\":\"" + speech()
                + "\",\"width\":128,\"height\":128,\"fps\":10,\"seed\":4}";
    }

    /** A good request with one field's raw JSON value replaced (or added). */
    private static String with(String field, String rawValue) {
        return good().replaceFirst("}$", Matcher.quoteReplacement(",\"" + field + "\":" + rawValue + "}"))
                .replaceFirst("\"" + field + "\":[^,}]*,", "");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bodies both render routes must refuse as INVALID_REQUEST. */
    private static List<Object[]> badBodies() {
        String huge = "x".repeat(12_000);
        return List.of(
                new Object[] {"malformed", utf8("{\"avatarUrl\": ")},
                new Object[] {"not json", utf8("avatar please")},
                new Object[] {"empty object", utf8("{}")},
                new Object[] {"json null", utf8("null")},
                new Object[] {"array of numbers", utf8("[1,2,3]")},
                new Object[] {"array of requests", utf8("[" + good() + "]")},
                new Object[] {"string", utf8("\"hello\"")},
                new Object[] {"avatarUrl a number", utf8(with("avatarUrl", "5"))},
                new Object[] {"width a string", utf8(with("width", "\"x\""))},
                new Object[] {"seed 1e400", utf8(with("seed", "1e400"))},
                new Object[] {"width over int", utf8(with("width", "99999999999"))},
                new Object[] {"fps a fraction", utf8(with("fps", "2.5"))},
                new Object[] {"width out of range", utf8(with("width", "100000"))},
                new Object[] {"fps zero", utf8(with("fps", "0"))},
                new Object[] {"null avatarUrl", utf8(with("avatarUrl", "null"))},
                new Object[] {"nested junk", utf8(with("audioUrl", "{\"a\":[{\"b\":[]}]}"))},
                new Object[] {"duplicate key", utf8(good().replaceFirst("}$", ",\"width\":256}"))},
                new Object[] {"control characters", utf8(with("jobId", "\"a\\u0000b\\u0007\""))},
                new Object[] {"huge string", utf8(with("jobId", "\"" + huge + "\""))},
                new Object[] {"non-UTF-8 bytes", nonUtf8()});
    }

    private static byte[] nonUtf8() {
        byte[] start = utf8("{\"avatarUrl\":\"");
        byte[] end = utf8("\",\"audioUrl\":\"a.wav\"}");
        byte[] body = new byte[start.length + 3 + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        body[start.length] = (byte) 0xC3;
        body[start.length + 1] = (byte) 0x28;
        body[start.length + 2] = (byte) 0xFF;
        System.arraycopy(end, 0, body, start.length + 3, end.length);
        return body;
    }

    private static List<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        Map<String, String> json = Map.of("Content-Type", "application/json");
        byte[] tooLarge = utf8(with("jobId", "\"" + "y".repeat(LIMIT_KB * 1024) + "\""));
        for (Object[] bad : badBodies()) {
            String name = (String) bad[0];
            byte[] body = (byte[]) bad[1];
            cases.add(new Case("renderAvatar " + name, "POST", "/renderAvatar", json, body, 400, "INVALID_REQUEST"));
            cases.add(new Case("binary event " + name, "POST", "/", binaryHeaders("corpus-b"), body, 400, "INVALID_REQUEST"));
        }
        cases.add(new Case("structured event malformed", "POST", "/", structuredHeaders(), utf8("{\"specversion\":"),
                400, "INVALID_REQUEST"));
        cases.add(new Case("structured event no id", "POST", "/", structuredHeaders(),
                utf8("{\"specversion\":\"1.0\",\"type\":\"" + REQUESTED + "\",\"source\":\"/t\",\"data\":" + good() + "}"),
                400, "INVALID_REQUEST"));
        cases.add(new Case("structured event wrong type", "POST", "/", structuredHeaders(), structured("s-type",
                "com.example.other", good()), 400, "INVALID_REQUEST"));
        cases.add(new Case("structured event array data", "POST", "/", structuredHeaders(),
                structured("s-array", REQUESTED, "[1,2,3]"), 400, "INVALID_REQUEST"));
        cases.add(new Case("structured event data a string", "POST", "/", structuredHeaders(),
                structured("s-string", REQUESTED, "\"render me\""), 400, "INVALID_REQUEST"));
        cases.add(new Case("structured event seed 1e400", "POST", "/", structuredHeaders(),
                structured("s-seed", REQUESTED, with("seed", "1e400")), 400, "INVALID_REQUEST"));
        cases.add(new Case("binary event no ce headers", "POST", "/", json, utf8(good()), 400, "INVALID_REQUEST"));
        cases.add(new Case("binary event unknown specversion", "POST", "/",
                Map.of("Content-Type", "application/json", "ce-specversion", "9.9", "ce-id", "x", "ce-type", REQUESTED,
                        "ce-source", "/t"), utf8(good()), 400, "INVALID_REQUEST"));
        cases.add(new Case("binary event no data", "POST", "/", binaryHeaders("corpus-empty"), new byte[0], 400,
                "INVALID_REQUEST"));
        cases.add(new Case("event over the size limit", "POST", "/", binaryHeaders("corpus-big"), tooLarge, 413,
                "REQUEST_TOO_LARGE"));
        cases.add(new Case("renderAvatar over the size limit", "POST", "/renderAvatar", json, tooLarge, 413,
                "REQUEST_TOO_LARGE"));
        cases.add(new Case("renderAvatar text/plain", "POST", "/renderAvatar", Map.of("Content-Type", "text/plain"),
                utf8(good()), 415, "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("renderAvatar no content type", "POST", "/renderAvatar", Map.of(), utf8(good()), 415,
                "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("renderAvatar bad content type", "POST", "/renderAvatar", Map.of("Content-Type", "///"),
                utf8(good()), 415, "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("renderAvatar with callbackUrl", "POST", "/renderAvatar", json,
                utf8(with("callbackUrl", "\"https://example.com/hook\"")), 400, "INVALID_REQUEST"));
        cases.add(new Case("GET renderAvatar", "GET", "/renderAvatar", Map.of(), null, 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("PUT renderAvatar", "PUT", "/renderAvatar", json, utf8(good()), 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("DELETE renderAvatar", "DELETE", "/renderAvatar", Map.of(), null, 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("GET /", "GET", "/", Map.of(), null, 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("PUT /", "PUT", "/", json, utf8(good()), 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("GET unknown route", "GET", "/nope", Map.of(), null, 404, "NOT_FOUND"));
        cases.add(new Case("POST unknown route with a request", "POST", "/nope", json, utf8(good()), 404, "NOT_FOUND"));
        cases.add(new Case("POST a route not built yet", "POST", "/live/webrtc", json, utf8("{}"), 404, "NOT_FOUND"));
        cases.add(new Case("POST a nested unknown route", "POST", "/renderAvatar/extra", json, utf8(good()), 404,
                "NOT_FOUND"));
        return cases;
    }

    private static Map<String, String> binaryHeaders(String id) {
        return Map.of("Content-Type", "application/json", "ce-specversion", "1.0", "ce-id", id, "ce-type", REQUESTED,
                "ce-source", "/tests");
    }

    private static Map<String, String> structuredHeaders() {
        return Map.of("Content-Type", "application/cloudevents+json");
    }

    private static byte[] structured(String id, String type, String data) {
        return utf8("{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"" + type
                + "\",\"source\":\"/tests\",\"datacontenttype\":\"application/json\",\"data\":" + data + "}");
    }

    private HttpResponse<String> send(Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()));
        c.headers().forEach(request::header);
        request.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The code wherever the route puts it: plain JSON error, binary failed event, structured failed event. */
    private static String code(String body) {
        JsonNode node = JSON.readTree(body);
        for (JsonNode candidate : List.of(node.path("error"), node, node.path("data"))) {
            if (candidate.path("code").isString()) {
                return candidate.get("code").asString();
            }
        }
        return null;
    }

    @Test
    void everyMalformedRequestGetsA4xxWithAStableCodeAndTheServiceStillRenders() throws Exception {
        List<Case> cases = corpus();
        List<String> wrong = new ArrayList<>();
        for (Case c : cases) {
            HttpResponse<String> response = send(c);
            String body = response.body();
            String code;
            try {
                code = code(body);
            } catch (RuntimeException e) {
                code = null;
            }
            boolean statusRight = response.statusCode() == c.status();
            boolean codeRight = c.code().equals(code);
            if (!statusRight || !codeRight || body.contains("\tat ") || body.contains("Exception")) {
                wrong.add(c.name() + ": " + response.statusCode() + " " + body);
            }
            if (c.status() == 405) {
                assertEquals("POST", response.headers().firstValue("Allow").orElse(null), c.name());
            }
        }
        assertTrue(cases.size() >= 40, "the corpus has " + cases.size() + " cases");
        System.out.println("Bad-request corpus: " + cases.size() + " cases, " + wrong.size() + " answered wrongly");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));

        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
        HttpResponse<String> render = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/renderAvatar")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(good())).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, render.statusCode(), render.body());
        Path video = Path.of(URI.create(JSON.readTree(render.body()).get("outputUrl").asString()));
        assertTrue(video.toFile().length() > 0, video.toString());
    }
}
