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
                new Object[] {"mouth malformed", utf8(with("mouth", "\"Wav2Lip!\""))},
                new Object[] {"mouth unknown", utf8(with("mouth", "\"lipgan\""))},
                new Object[] {"enhance unknown", utf8(with("enhance", "\"sharpen\""))},
                new Object[] {"diffusionSteps zero", utf8(with("diffusionSteps", "0"))},
                new Object[] {"diffusionSteps over 100", utf8(with("diffusionSteps", "101"))},
                new Object[] {"diffusionSteps a string", utf8(with("diffusionSteps", "\"many\""))},
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
        cases.add(new Case("DELETE /", "DELETE", "/", Map.of(), null, 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("PUT /", "PUT", "/", json, utf8(good()), 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("GET unknown route", "GET", "/nope", Map.of(), null, 404, "NOT_FOUND"));
        // No opt-in here: a non-commercial lip-sync network is refused by licence, mounted or not.
        cases.add(new Case("mouth wav2lip without the opt-in", "POST", "/renderAvatar", json,
                utf8(with("mouth", "\"wav2lip\"")), 403, "LICENSE_NOT_ACCEPTED"));
        cases.add(new Case("job with mouth diff2lip without the opt-in", "POST", "/jobs", json,
                utf8(with("mouth", "\"diff2lip\"")), 403, "LICENSE_NOT_ACCEPTED"));
        cases.add(new Case("POST unknown route with a request", "POST", "/nope", json, utf8(good()), 404, "NOT_FOUND"));
        cases.add(new Case("WebRTC offer as JSON", "POST", "/live/webrtc", json, utf8("{}"), 415, "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("WebRTC offer that is not SDP", "POST", "/live/webrtc?avatarUrl=/x.png", Map.of("Content-Type",
                "application/sdp"), utf8("hello"), 400, "INVALID_SDP"));
        cases.add(new Case("DELETE an unknown WebRTC session", "DELETE", "/live/webrtc/nope", json, utf8(""), 404,
                "NOT_FOUND"));
        cases.add(new Case("POST a nested unknown route", "POST", "/renderAvatar/extra", json, utf8(good()), 404,
                "NOT_FOUND"));
        cases.add(new Case("PUT jobs", "PUT", "/jobs", json, utf8(good()), 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("GET jobs", "GET", "/jobs", Map.of(), null, 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("POST a job's path", "POST", "/jobs/abc", json, utf8(good()), 405, "METHOD_NOT_ALLOWED"));
        cases.add(new Case("DELETE an unknown job", "DELETE", "/jobs/unknown-job", Map.of(), null, 404, "NOT_FOUND"));
        cases.add(new Case("video of an unknown job", "GET", "/jobs/unknown-job/video", Map.of(), null, 404, "NOT_FOUND"));
        cases.add(new Case("jobs text/plain", "POST", "/jobs", Map.of("Content-Type", "text/plain"), utf8(good()), 415,
                "UNSUPPORTED_MEDIA_TYPE"));
        cases.add(new Case("jobs malformed", "POST", "/jobs", json, utf8("{\"avatarUrl\": "), 400, "INVALID_REQUEST"));
        cases.add(new Case("jobs an array", "POST", "/jobs", json, utf8("[" + good() + "]"), 400, "INVALID_REQUEST"));
        cases.add(new Case("jobs seed 1e400", "POST", "/jobs", json, utf8(with("seed", "1e400")), 400, "INVALID_REQUEST"));
        cases.add(new Case("jobs over the size limit", "POST", "/jobs", json, tooLarge, 413, "REQUEST_TOO_LARGE"));
        cases.add(new Case("jobs a broken multipart body", "POST", "/jobs",
                Map.of("Content-Type", "multipart/form-data; boundary=xyz"), utf8("--xyz\r\nnonsense"), 400,
                "INVALID_REQUEST"));
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
            if (c.status() == 405 && c.path().startsWith("/jobs")) {
                assertTrue(response.headers().firstValue("Allow").isPresent(), c.name() + " has Allow");
            }
            if (!statusRight || !codeRight || body.contains("\tat ") || body.contains("Exception")) {
                wrong.add(c.name() + ": " + response.statusCode() + " " + body);
            }
            if (c.status() == 405 && !c.path().startsWith("/jobs")) {
                assertEquals(c.path().equals("/") ? "GET, HEAD, POST" : "POST",
                        response.headers().firstValue("Allow").orElse(null), c.name());
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

    /** Start messages the live socket must refuse with an error line carrying this code, then close 1008. */
    private static List<String[]> badLiveStarts() {
        String good = "{\"avatarUrl\":\"" + portrait() + "\",\"width\":128,\"height\":128,\"fps\":10}";
        String huge = "x".repeat(40_000);
        return List.of(
                new String[] {"malformed", "{\"avatarUrl\":", "INVALID_REQUEST"},
                new String[] {"not json", "start please", "INVALID_REQUEST"},
                new String[] {"json null", "null", "INVALID_REQUEST"},
                new String[] {"an array", "[" + good + "]", "INVALID_REQUEST"},
                new String[] {"a string", "\"go\"", "INVALID_REQUEST"},
                new String[] {"empty object", "{}", "INVALID_REQUEST"},
                new String[] {"avatarUrl a number", "{\"avatarUrl\":5}", "INVALID_REQUEST"},
                new String[] {"width a string", good.replace("\"width\":128", "\"width\":\"x\""), "INVALID_REQUEST"},
                new String[] {"width out of range", good.replace("\"width\":128", "\"width\":100000"), "INVALID_REQUEST"},
                new String[] {"fps a fraction", good.replace("\"fps\":10", "\"fps\":2.5"), "INVALID_REQUEST"},
                new String[] {"seed 1e400", good.replace("}", ",\"seed\":1e400}"), "INVALID_REQUEST"},
                new String[] {"lookAheadMs a string", good.replace("}", ",\"lookAheadMs\":\"soon\"}"), "INVALID_REQUEST"},
                new String[] {"idleVideo a string", good.replace("}", ",\"idleVideo\":\"yes\"}"), "INVALID_REQUEST"},
                new String[] {"audio a number", good.replace("}", ",\"audio\":1}"), "INVALID_REQUEST"},
                new String[] {"duplicate key", good.replace("}", ",\"width\":256}"), "INVALID_REQUEST"},
                new String[] {"nested junk", "{\"avatarUrl\":{\"a\":[{\"b\":[]}]}}", "INVALID_REQUEST"},
                new String[] {"control characters in the path", "{\"avatarUrl\":\"a\\u0000b\\u0007\"}", "INVALID_REQUEST"},
                new String[] {"a huge path", "{\"avatarUrl\":\"/" + huge + "\"}", "PATH_NOT_ALLOWED"},
                new String[] {"an unknown renderer", good.replace("}", ",\"renderer\":\"nope\"}"), "INVALID_REQUEST"},
                new String[] {"a photo outside the allowed folders", "{\"avatarUrl\":\"/etc/passwd\"}", "PATH_NOT_ALLOWED"});
    }

    @Test
    void everyMalformedLiveStartGetsAnErrorLineWithAStableCodeAndTheNextSessionWorks() throws Exception {
        List<String> wrong = new ArrayList<>();
        int cases = 0;
        for (String[] bad : badLiveStarts()) {
            cases++;
            LiveClient client = LiveClient.connect(port);
            client.sendText(bad[1]);
            checkRefused(bad[0], client, bad[2], wrong);
        }
        // Audio before the start message.
        cases++;
        LiveClient early = LiveClient.connect(port);
        early.sendBinary(new byte[640], 0, 640);
        checkRefused("audio before the start", early, "INVALID_REQUEST", wrong);
        // A second start message where audio belongs.
        cases++;
        LiveClient twice = LiveClient.connect(port);
        String good = "{\"avatarUrl\":\"" + portrait() + "\",\"width\":128,\"height\":128,\"fps\":10}";
        twice.sendText(good);
        LiveClient.Message ready = twice.next(60);
        assertEquals("ready", JSON.readTree(ready.text()).path("type").asString(), ready.text());
        twice.sendText(good);
        checkRefused("a second start message", twice, "INVALID_REQUEST", wrong);

        System.out.println("Bad live-start corpus: " + cases + " cases, " + wrong.size() + " answered wrongly");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        // The service still takes a good session.
        LiveClient after = LiveClient.connect(port);
        after.sendText(good);
        LiveClient.Message first = after.next(60);
        assertEquals("ready", JSON.readTree(first.text()).path("type").asString(), first.text());
        after.socket().sendClose(1000, "done");
    }

    private static void checkRefused(String name, LiveClient client, String code, List<String> wrong) throws Exception {
        LiveClient.Message error = client.next(30);
        while (error.bytes() != null) {
            error = client.next(30);  // video a started session sent before the mistake
        }
        JsonNode line = error.text() == null ? null : JSON.readTree(error.text());
        if (line == null || !"error".equals(line.path("type").asString()) || !code.equals(line.path("code").asString())
                || error.text().contains("Exception") || error.text().length() > 2000) {
            wrong.add(name + ": " + error.text());
            return;
        }
        LiveClient.Message close = client.next(10);
        while (close.bytes() != null) {
            close = client.next(10);
        }
        if (close.closeCode() != 1008) {
            wrong.add(name + ": closed with " + close.closeCode());
        }
    }
}
