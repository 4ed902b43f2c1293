package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.Mp4Probe;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.VideoFrames;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.model.Sha256;
import com.videogenie.avatar.render.LoudnessBarBackend;
import com.videogenie.avatar.storage.TestS3Server;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real application on a random port, spoken to over real HTTP: CloudEvents in both modes, the
 * plain JSON route, every kind of bad input, object storage on a real S3-compatible server, and the
 * render slot limit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpServiceTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path work;
    private static TestS3Server s3;

    @LocalServerPort
    int port;
    @Autowired
    RenderMetrics metrics;
    @Autowired
    MeterRegistry registry;
    @Autowired
    RenderService service;
    @Autowired
    ServiceSettings serviceSettings;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        s3 = new TestS3Server();
        s3.createBucket("inputs");
        s3.createBucket("renders");
        s3.put("inputs", "faces/portrait.png", Files.readAllBytes(TestAssets.face("portrait_woman_474.png")));
        // The default AWS credentials chain reads these, as a pod reads them from its Secret.
        System.setProperty("aws.accessKeyId", TestS3Server.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", TestS3Server.SECRET_KEY);
        work = ServiceEnvironment.register(properties, Map.of(
                "AVATAR_MAX_AUDIO_SECONDS", "20",
                "AVATAR_WARMUP_IMAGE", TestAssets.face("portrait_woman_256.png").toString(),
                "AVATAR_WARMUP_AUDIO", TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(),
                "AVATAR_S3_ENDPOINT", s3.endpoint().toString(),
                "AVATAR_RETRY_AFTER_SECONDS", "7",
                "AVATAR_WEBHOOK_SECRET", "http-test-secret"));
    }

    @AfterAll
    static void stop() throws Exception {
        s3.close();
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String request(String avatar, String audio, String output) {
        StringBuilder json = new StringBuilder("{");
        if (avatar != null) {
            json.append("\"avatarUrl\":\"").append(avatar).append("\",");
        }
        if (audio != null) {
            json.append("\"audioUrl\":\"").append(audio).append("\",");
        }
        if (output != null) {
            json.append("\"outputUrl\":\"").append(output).append("\",");
        }
        return json.append("\"width\":128,\"height\":128,\"fps\":10,\"seed\":4}").toString();
    }

    private static String portrait() {
        return TestAssets.face("portrait_woman_474.png").toString();
    }

    private static String speech() {
        return TestAssets.audio("speech_en_8s_16k_stereo.wav").toString();
    }

    private HttpResponse<String> binary(String id, String type, String data) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url("/"))
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-type", type)
                .header("ce-source", "/tests").header("ce-subject", "avatar/" + id)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(data)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> structured(String id, String data) throws Exception {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"type\":\"com.videogenie.avatar.render.requested\","
                + "\"source\":\"/tests\",\"subject\":\"avatar/" + id + "\",\"datacontenttype\":\"application/json\","
                + "\"data\":" + data + "}";
        return HTTP.send(HttpRequest.newBuilder(url("/")).header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** A binary-mode render.failed reply with this status and code, answering request {@code id}. */
    private static void assertFailed(HttpResponse<String> response, int status, String code, String id) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("com.videogenie.avatar.render.failed", header(response, "ce-type"));
        if (id != null) {
            assertEquals(id, header(response, "ce-correlationid"));
        }
        JsonNode error = JSON.readTree(response.body());
        assertEquals(code, error.get("code").asString(), response.body());
        assertFalse(error.get("message").asString().isBlank());
    }

    private void assertHealthy() throws Exception {
        for (String probe : List.of("/actuator/health/readiness", "/actuator/health/liveness")) {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(url(probe)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), probe);
            assertTrue(health.body().contains("\"UP\""), health.body());
        }
    }

    @Test
    void binaryCloudEventRendersAnMp4AndRepliesWithCompleted() throws Exception {
        String id = "binary-" + UUID.randomUUID();
        HttpResponse<String> response = binary(id, "com.videogenie.avatar.render.requested",
                request(portrait(), speech(), null));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("com.videogenie.avatar.render.completed", header(response, "ce-type"));
        assertEquals(id, header(response, "ce-correlationid"));
        assertEquals("avatar/" + id, header(response, "ce-subject"));
        assertNotNull(header(response, "ce-id"));
        JsonNode result = JSON.readTree(response.body());
        assertEquals(id, result.get("jobId").asString(), "the event id names the job");
        Path video = Path.of(URI.create(result.get("outputUrl").asString()));
        assertTrue(video.startsWith(work.resolve("out")), video.toString());
        assertEquals(result.get("frames").asInt(), Mp4Probe.of(video).h264Frames());
        assertHealthy();
    }

    @Test
    void structuredCloudEventReadsFromS3AndWritesToS3() throws Exception {
        String id = "structured-" + UUID.randomUUID();
        HttpResponse<String> response = structured(id, request("s3://inputs/faces/portrait.png", speech(),
                "s3://renders/structured/"));

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(header(response, "Content-Type").startsWith("application/cloudevents+json"));
        JsonNode reply = JSON.readTree(response.body());
        assertEquals("com.videogenie.avatar.render.completed", reply.get("type").asString());
        assertEquals(id, reply.get("correlationid").asString());
        assertEquals("avatar/" + id, reply.get("subject").asString());
        JsonNode result = reply.get("data");
        assertEquals("s3://renders/structured/" + id + ".mp4", result.get("outputUrl").asString());

        byte[] stored = s3.bytes("renders", "structured/" + id + ".mp4");
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(result.get("downloadUrl").asString()))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(stored, download.body());
        Path local = Files.write(work.resolve(id + ".mp4"), download.body());
        assertEquals(result.get("frames").asInt(), Mp4Probe.of(local).h264Frames());
        assertTrue(s3.keys("renders").contains("structured/" + id + ".jpg"), "a poster beside the video");
    }

    @Test
    void plainJsonRouteRenders() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/renderAvatar"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(portrait(), speech(), null))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body());
        assertEquals("cpu-warp", result.get("renderer").asString());
        assertEquals(result.get("frames").asInt(),
                Mp4Probe.of(Path.of(URI.create(result.get("outputUrl").asString()))).h264Frames());
    }

    @Test
    void aDriverVideoMovesTheHeadAndTheStagesSaySo() throws Exception {
        String driver = TestAssets.video("driver_head_motion_3s.mp4").toString();
        String body = request(portrait(), speech(), null).replace("{", "{\"driverVideoUrl\":\"" + driver + "\",");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/renderAvatar"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body());
        assertEquals("driver", result.get("stages").get("motion").asString());
        assertEquals("cpu-warp", result.get("stages").get("render").asString());
    }

    @Test
    void theRequestChoosesTheRendererByNameAndTheResultSaysWhichRan() throws Exception {
        // The test-only backend comes from the core's test jar: no adapter code knows it.
        String body = request(portrait(), speech(), null).replace("{", "{\"renderer\":\"" + LoudnessBarBackend.NAME + "\",");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/renderAvatar"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode result = JSON.readTree(response.body());
        assertEquals(LoudnessBarBackend.NAME, result.get("renderer").asString());
        List<RgbImage> frames = VideoFrames.decode(Path.of(URI.create(result.get("outputUrl").asString()))).frames();
        assertEquals(result.get("frames").asInt(), frames.size());
        // Bars on black, not a face: the outer columns are dark in every frame, and the speech makes tall bars.
        int tall = 0;
        for (RgbImage frame : frames) {
            assertTrue(LoudnessBarBackend.besideTheBarIsBlack(frame), "beside the bar the frame is black");
            tall += LoudnessBarBackend.barPastHalf(frame) ? 1 : 0;
        }
        assertTrue(tall > frames.size() / 4, "frames with a bar past half height: " + tall + " of " + frames.size());
    }

    @Test
    void anUnknownRendererIsABadRequestOnBothRoutes() throws Exception {
        String body = request(portrait(), speech(), null).replace("{", "{\"renderer\":\"no-such-renderer\",");
        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(url("/renderAvatar"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, plain.statusCode(), plain.body());
        JsonNode error = JSON.readTree(plain.body()).get("error");
        assertEquals("INVALID_REQUEST", error.get("code").asString());
        assertTrue(error.get("message").asString().contains("cpu-warp"), "names the choices: " + error);
        String id = "renderer-" + UUID.randomUUID();
        assertFailed(binary(id, "com.videogenie.avatar.render.requested", body), 400, "INVALID_REQUEST", id);
    }

    @Test
    void anEventIdThatIsNotAJobIdNamesTheJobByItsHash() throws Exception {
        String id = "urn:uuid:" + UUID.randomUUID();
        HttpResponse<String> response = binary(id, "com.videogenie.avatar.render.requested",
                request(portrait(), speech(), null));
        assertEquals(200, response.statusCode(), response.body());
        String jobId = JSON.readTree(response.body()).get("jobId").asString();
        assertEquals("ce-" + Sha256.ofText(id).substring(0, 32), jobId);
    }

    @Test
    void plainJsonRouteReportsErrorsWithTheirStatus() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url("/renderAvatar"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(TestAssets.face("cat_no_human_face.jpg").toString(),
                        speech(), null))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(422, response.statusCode(), response.body());
        assertEquals("NO_FACE_DETECTED", JSON.readTree(response.body()).get("error").get("code").asString());
    }

    @Test
    void eachBadInputGetsItsStatusAndAFailedEvent() throws Exception {
        String requested = "com.videogenie.avatar.render.requested";
        assertFailed(binary("missing", requested, request(portrait(), null, null)), 400, "INVALID_REQUEST", "missing");
        assertFailed(binary("malformed", requested, "{\"avatarUrl\": "), 400, "INVALID_REQUEST", "malformed");
        assertFailed(binary("wrong-type", "com.example.other", request(portrait(), speech(), null)),
                400, "INVALID_REQUEST", "wrong-type");
        assertFailed(binary("unreadable", requested, request(portrait(), portrait(), null)),
                400, "UNREADABLE_AUDIO", "unreadable");
        assertFailed(binary("no-face", requested, request(TestAssets.face("cat_no_human_face.jpg").toString(),
                speech(), null)), 422, "NO_FACE_DETECTED", "no-face");
        assertFailed(binary("outside", requested, request("/etc/hostname", speech(), null)),
                400, "PATH_NOT_ALLOWED", "outside");
        assertFailed(binary("loopback", requested, request("http://127.0.0.1:" + port + "/actuator/health",
                speech(), null)), 400, "PATH_NOT_ALLOWED", "loopback");
        assertFailed(binary("metadata", requested, request("http://169.254.169.254/latest/meta-data/photo.png",
                speech(), null)), 400, "PATH_NOT_ALLOWED", "metadata");
        HttpResponse<String> notAnEvent = HTTP.send(HttpRequest.newBuilder(url("/"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(request(portrait(), speech(), null))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertFailed(notAnEvent, 400, "INVALID_REQUEST", null);
        assertHealthy();
    }

    @Test
    void failedRenderToS3LeavesNoObject() throws Exception {
        HttpResponse<String> response = structured("s3-fail", request(TestAssets.face("cat_no_human_face.jpg")
                .toString(), speech(), "s3://renders/failed/"));
        assertEquals(422, response.statusCode(), response.body());
        JsonNode reply = JSON.readTree(response.body());
        assertEquals("com.videogenie.avatar.render.failed", reply.get("type").asString());
        assertEquals("NO_FACE_DETECTED", reply.get("data").get("code").asString());
        assertFalse(s3.keys("renders").stream().anyMatch(k -> k.startsWith("failed/")), s3.keys("renders").toString());
        // Below the process's run folder: no job folder, and no journal entry of an output in flight.
        try (Stream<Path> left = Files.walk(work.resolve("jobs"), 3)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith("job-")
                    || p.getParent().getFileName().toString().equals("outputs")).toList(), "job folders are deleted");
        }
    }

    @Test
    void twentyAtOnceAgainstOneSlotRenderOnceAndTheRestGet503WithRetryAfter() throws Exception {
        String data = "{\"avatarUrl\":\"" + portrait() + "\",\"audioUrl\":\"" + speech() + "\",\"seed\":1}";
        double startedBefore = registry.get("avatar.renders.started").counter().count();
        Map<String, CompletableFuture<HttpResponse<String>>> sent = new LinkedHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(20);
        for (int i = 0; i < 20; i++) {
            String id = "crowd-" + i;
            sent.put(id, CompletableFuture.supplyAsync(() -> {
                try {
                    return binary(id, "com.videogenie.avatar.render.requested", data);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, senders));
        }
        List<String> busy = new ArrayList<>();
        String rendering = null;
        // The refusals come back at once, while the one render runs; none may hang.
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (busy.size() < 19 && System.nanoTime() < deadline) {
            busy.clear();
            for (var entry : sent.entrySet()) {
                if (entry.getValue().isDone() && entry.getValue().get().statusCode() == 503) {
                    busy.add(entry.getKey());
                }
            }
            Thread.sleep(5);
        }
        assertEquals(19, busy.size(), "all but one are refused while it renders: " + busy);
        for (String id : busy) {
            assertFailed(sent.get(id).get(), 503, "BUSY", id);
            assertEquals("7", header(sent.get(id).get(), "Retry-After"));
        }
        for (String id : sent.keySet()) {
            if (!busy.contains(id)) {
                rendering = id;
            }
        }
        assertEquals(1, metrics.inFlight(), "the one render is still running");

        // The same event delivered again during the render joins it, and after it is answered from memory.
        HttpResponse<String> during = binary(rendering, "com.videogenie.avatar.render.requested", data);
        HttpResponse<String> first = sent.get(rendering).get(60, TimeUnit.SECONDS);
        HttpResponse<String> after = binary(rendering, "com.videogenie.avatar.render.requested", data);
        for (HttpResponse<String> answer : List.of(first, during, after)) {
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(JSON.readTree(first.body()).get("outputUrl"), JSON.readTree(answer.body()).get("outputUrl"));
        }
        assertEquals(startedBefore + 1, registry.get("avatar.renders.started").counter().count(), "one render ran");
        senders.shutdown();
        assertHealthy();
    }

    @Test
    void internalCallbackUrlIsRefusedBeforeRendering() throws Exception {
        try (CallbackServer receiver = new CallbackServer()) {
            double started = registry.counter("avatar.renders.started").count();
            String data = request(portrait(), speech(), null).replace("{", "{\"callbackUrl\":\"" + receiver.url() + "\",");
            assertFailed(binary("hook-internal", "com.videogenie.avatar.render.requested", data), 400,
                    "PATH_NOT_ALLOWED", "hook-internal");
            String metadata = request(portrait(), speech(), null)
                    .replace("{", "{\"callbackUrl\":\"http://169.254.169.254/latest/\",");
            assertFailed(binary("hook-metadata", "com.videogenie.avatar.render.requested", metadata), 400,
                    "PATH_NOT_ALLOWED", "hook-metadata");
            assertEquals(started, registry.counter("avatar.renders.started").count(), "nothing was rendered");
            assertFalse(Files.exists(work.resolve("out/hook-internal.mp4")));
            Thread.sleep(200);
            assertEquals(0, receiver.count(), "nothing was posted");

            HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(url("/renderAvatar"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(data)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, plain.statusCode(), plain.body());
            assertEquals("INVALID_REQUEST", JSON.readTree(plain.body()).get("error").get("code").asString());
            assertEquals(started, registry.counter("avatar.renders.started").count());
        }
    }

    @Test
    void repeatedJobOnAnotherInstanceGetsTheStoredResultWithoutRendering() throws Exception {
        String id = "stored-" + UUID.randomUUID();
        HttpResponse<String> response = structured(id, request("s3://inputs/faces/portrait.png", speech(),
                "s3://renders/stored/"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode first = JSON.readTree(response.body()).get("data");
        assertTrue(s3.keys("renders").contains("stored/" + id + ".mp4.result.json"), s3.keys("renders").toString());

        // What another pod (or this one after a restart) is: the same models, no memory of the job.
        SimpleMeterRegistry otherRegistry = new SimpleMeterRegistry();
        RenderService otherPod = new RenderService(service.renderer(), serviceSettings, new RenderMetrics(otherRegistry));
        RenderResult again = otherPod.render(new RenderRequest("s3://inputs/faces/portrait.png", speech(), null,
                "s3://renders/stored/", 128, 128, 10, 4L, id, null));
        assertEquals(0, otherRegistry.counter("avatar.renders.started").count(), "not rendered again");
        assertEquals(1, otherRegistry.counter("avatar.renders.joined").count());
        assertEquals(first.get("outputUrl").asString(), again.outputUrl());
        assertEquals(first.get("frames").asInt(), again.frames());
        assertEquals(first.get("seed").asLong(), again.seed());

        byte[] stored = s3.bytes("renders", "stored/" + id + ".mp4");
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(again.downloadUrl())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(stored, download.body());
    }

    @Test
    void metricsAreExported() throws Exception {
        binary("metrics", "com.videogenie.avatar.render.requested", request(portrait(), speech(), null));
        String text = HTTP.send(HttpRequest.newBuilder(url("/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        for (String name : List.of("avatar_renders_started_total", "avatar_renders_succeeded_total",
                "avatar_render_duration_seconds_bucket", "avatar_render_realtime_factor_bucket",
                "avatar_renders_in_flight")) {
            assertTrue(text.contains(name), name + " missing");
        }
    }
}
