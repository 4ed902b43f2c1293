package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.Mp4Probe;
import com.videogenie.avatar.TestAssets;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The job routes over real HTTP: JSON and multipart jobs, progress events, Range downloads, cancel, limits, bad uploads. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JobsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Path work;

    @LocalServerPort
    int port;
    @Autowired
    RenderJobs jobs;

    /** Each test starts with no job queued or rendering, so the queue limit means the same in each. */
    @BeforeEach
    void awaitIdle() throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (jobs.unfinished() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, jobs.unfinished());
    }

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        work = ServiceEnvironment.register(properties, Map.of(
                "AVATAR_MAX_QUEUED_JOBS", "2",
                "AVATAR_MAX_UPLOAD_MB", "1",
                "AVATAR_RETRY_AFTER_SECONDS", "9"));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String speech(String name) {
        return TestAssets.audio(name).toString();
    }

    private static String json(String audio, int size, String jobId) {
        return "{\"avatarUrl\":\"" + TestAssets.face("portrait_woman_474.png") + "\",\"audioUrl\":\"" + speech(audio)
                + "\",\"width\":" + size + ",\"height\":" + size + ",\"seed\":2"
                + (jobId == null ? "" : ",\"jobId\":\"" + jobId + "\"") + "}";
    }

    private HttpResponse<String> postJson(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url("/jobs")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A multipart/form-data body: files as {name: [filename, bytes]}, then text fields. */
    private HttpResponse<String> postMultipart(Map<String, Object[]> files, Map<String, String> fields) throws Exception {
        String boundary = "----avatar" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (var file : files.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                    + file.getValue()[0] + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write((byte[]) file.getValue()[1]);
            body.write("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        for (var field : fields.entrySet()) {
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(url("/jobs")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object[]> uploads(Path photo, Path audio) throws Exception {
        Map<String, Object[]> files = new LinkedHashMap<>();
        files.put("photo", new Object[] {photo.getFileName().toString(), Files.readAllBytes(photo)});
        files.put("audio", new Object[] {audio.getFileName().toString(), Files.readAllBytes(audio)});
        return files;
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private JsonNode awaitFinished(String jobId) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId);
            String state = status.path("state").asString();
            if (state.equals("completed") || state.equals("failed") || state.equals("cancelled")) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " never finished");
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, JSON.readTree(response.body()).path("error").path("code").asString(), response.body());
    }

    /** The SSE stream as (event name, data JSON) pairs, read to its end. */
    private List<String[]> events(String jobId) throws Exception {
        HttpResponse<InputStream> stream = HTTP.send(HttpRequest.newBuilder(url("/jobs/" + jobId + "/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertTrue(stream.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String[]> events = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String name = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    events.add(new String[] {name, line.substring(5).strip()});
                }
            }
        }
        return events;
    }

    @Test
    void aJsonJobReportsRisingProgressAndItsVideoDownloadsWithRange() throws Exception {
        HttpResponse<String> accepted = postJson(json("speech_en_60s_16k_mono.wav", 256, null));
        assertEquals(202, accepted.statusCode(), accepted.body());
        JsonNode job = JSON.readTree(accepted.body());
        String jobId = job.path("jobId").asString();
        assertEquals("/jobs/" + jobId, accepted.headers().firstValue("Location").orElse(null));
        assertTrue(List.of("queued", "rendering").contains(job.path("state").asString()), accepted.body());

        List<String[]> events = events(jobId);
        int last = -1;
        int rising = 0;
        for (String[] event : events.subList(0, events.size() - 1)) {
            assertEquals("progress", event[0]);
            int done = JSON.readTree(event[1]).path("progress").path("framesDone").asInt();
            assertTrue(done >= last, "progress never goes back: " + done + " after " + last);
            rising += done > last && last > 0 ? 1 : 0;
            last = done;
        }
        assertTrue(rising >= 2, "several progress steps during the render: " + events.size() + " events");
        String[] end = events.get(events.size() - 1);
        assertEquals("completed", end[0], end[1]);
        JsonNode done = JSON.readTree(end[1]);
        assertEquals(1500, done.path("progress").path("framesDone").asInt());
        assertEquals(1.0, done.path("progress").path("fraction").asDouble());
        assertEquals("/jobs/" + jobId + "/video", done.path("links").path("video").asString());

        HttpResponse<byte[]> part = HTTP.send(HttpRequest.newBuilder(url("/jobs/" + jobId + "/video"))
                .header("Range", "bytes=0-99").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, part.statusCode());
        assertEquals(100, part.body().length);
        HttpResponse<byte[]> whole = HTTP.send(HttpRequest.newBuilder(url("/jobs/" + jobId + "/video")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertEquals("video/mp4", whole.headers().firstValue("Content-Type").orElse(null));
        assertArrayEquals(Arrays.copyOf(whole.body(), 100), part.body());
        Path downloaded = Files.write(work.resolve("downloaded.mp4"), whole.body());
        Mp4Probe probe = Mp4Probe.of(downloaded);
        assertEquals("h264", probe.videoCodec());
        assertEquals("aac", probe.audioCodec());
        assertEquals(60.0, probe.durationSeconds(), 0.2);
    }

    @Test
    void uploadedFilesRenderAndThePosterIsAJpeg() throws Exception {
        HttpResponse<String> accepted = postMultipart(uploads(TestAssets.face("portrait_woman_256.png"),
                TestAssets.audio("speech_en_8s_16k_stereo.wav")), Map.of("width", "128", "height", "128", "fps", "10"));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = JSON.readTree(accepted.body()).path("jobId").asString();
        JsonNode done = awaitFinished(jobId);
        assertEquals("completed", done.path("state").asString(), done.toString());
        assertEquals(128, done.path("result").path("width").asInt());
        assertEquals(80, done.path("result").path("frames").asInt());
        HttpResponse<byte[]> poster = HTTP.send(HttpRequest.newBuilder(url("/jobs/" + jobId + "/poster")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, poster.statusCode());
        assertEquals("image/jpeg", poster.headers().firstValue("Content-Type").orElse(null));
        assertEquals((byte) 0xFF, poster.body()[0]);
        assertEquals((byte) 0xD8, poster.body()[1]);

        // Deleting a finished job removes its files: the video, and the uploads in its folder.
        Path video = Path.of(URI.create(done.path("result").path("outputUrl").asString()));
        assertTrue(Files.exists(video));
        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(url("/jobs/" + jobId)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertFalse(Files.exists(video), "the video is removed with the job");
        assertEquals(List.of(), jobFolders(jobId), "the uploads are removed with the job");
        assertError(HTTP.send(HttpRequest.newBuilder(url("/jobs/" + jobId)).build(), HttpResponse.BodyHandlers.ofString()),
                404, "NOT_FOUND");
    }

    private static List<Path> jobFolders(String jobId) throws Exception {
        try (Stream<Path> walk = Files.walk(work.resolve("jobs"), 2)) {
            return walk.filter(p -> p.getFileName().toString().startsWith("job-" + jobId + "-")).toList();
        }
    }

    @Test
    void theSameJobIdIsTheSameJob() throws Exception {
        String body = json("speech_en_8s_16k_stereo.wav", 128, "same-job-1");
        HttpResponse<String> first = postJson(body);
        HttpResponse<String> second = postJson(body);
        assertEquals(202, first.statusCode(), first.body());
        assertEquals(202, second.statusCode(), second.body());
        assertEquals("same-job-1", JSON.readTree(second.body()).path("jobId").asString());
        assertEquals(JSON.readTree(first.body()).path("createdAt"), JSON.readTree(second.body()).path("createdAt"));
        assertEquals("completed", awaitFinished("same-job-1").path("state").asString());
    }

    @Test
    void aCancelledJobStopsAndLeavesNothingAndAFullQueueIsBusy() throws Exception {
        String running = "cancel-running";
        assertEquals(202, postJson(json("speech_en_60s_16k_mono.wav", 512, running)).statusCode());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (get("/jobs/" + running).path("progress").path("framesDone").asInt() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals("rendering", get("/jobs/" + running).path("state").asString());
        // One slot, two places in the queue: the fourth job is refused.
        assertEquals(202, postJson(json("speech_en_8s_16k_stereo.wav", 128, "queued-1")).statusCode());
        assertEquals(202, postJson(json("speech_en_8s_16k_stereo.wav", 128, "queued-2")).statusCode());
        assertEquals("queued", get("/jobs/queued-2").path("state").asString());
        HttpResponse<String> refused = postJson(json("speech_en_8s_16k_stereo.wav", 128, "queued-3"));
        assertError(refused, 503, "BUSY");
        assertEquals("9", refused.headers().firstValue("Retry-After").orElse(null));
        assertError(HTTP.send(HttpRequest.newBuilder(url("/jobs/queued-3")).build(), HttpResponse.BodyHandlers.ofString()),
                404, "NOT_FOUND");
        assertError(HTTP.send(HttpRequest.newBuilder(url("/jobs/queued-1/video")).build(), HttpResponse.BodyHandlers.ofString()),
                409, "NOT_FINISHED");

        HttpResponse<String> cancelled = HTTP.send(HttpRequest.newBuilder(url("/jobs/queued-2")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("cancelled", JSON.readTree(cancelled.body()).path("state").asString(), cancelled.body());
        HttpResponse<String> stopped = HTTP.send(HttpRequest.newBuilder(url("/jobs/" + running)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stopped.statusCode(), stopped.body());
        JsonNode end = JSON.readTree(stopped.body());
        assertEquals("cancelled", end.path("state").asString(), stopped.body());
        assertTrue(end.path("progress").path("framesDone").asInt() < 1500, "stopped before the end");
        // The output folder itself is removed with the render's partial file when that render made it.
        try (Stream<Path> out = Files.isDirectory(work.resolve("out")) ? Files.list(work.resolve("out")) : Stream.empty()) {
            assertEquals(List.of(), out.filter(p -> p.getFileName().toString().contains(running)).toList(),
                    "nothing of the cancelled render at the output");
        }
        assertEquals("completed", awaitFinished("queued-1").path("state").asString(), "the queue moves on");
    }

    @Test
    void badUploadsGetCodes() throws Exception {
        Path speech = TestAssets.audio("speech_en_8s_16k_stereo.wav");
        Path notAnImage = Files.writeString(work.resolve("notes.png"), "this is not an image");
        JsonNode unreadable = awaitFinished(JSON.readTree(postMultipart(uploads(notAnImage, speech), Map.of()).body())
                .path("jobId").asString());
        assertEquals("failed", unreadable.path("state").asString());
        assertEquals("UNREADABLE_IMAGE", unreadable.path("error").path("code").asString(), unreadable.toString());

        JsonNode noFace = awaitFinished(JSON.readTree(postMultipart(uploads(TestAssets.face("cat_no_human_face.jpg"), speech),
                Map.of("width", "128", "height", "128")).body()).path("jobId").asString());
        assertEquals("NO_FACE_DETECTED", noFace.path("error").path("code").asString(), noFace.toString());

        Path large = Files.write(work.resolve("large.wav"), new byte[2 << 20]);
        assertError(postMultipart(uploads(TestAssets.face("portrait_woman_256.png"), large), Map.of()), 413,
                "REQUEST_TOO_LARGE");
        Path empty = Files.write(work.resolve("empty.wav"), new byte[0]);
        assertError(postMultipart(uploads(TestAssets.face("portrait_woman_256.png"), empty), Map.of()), 400,
                "INVALID_REQUEST");
        Path silentHeader = Files.write(work.resolve("header-only.wav"), Arrays.copyOf(
                Files.readAllBytes(TestAssets.audio("speech_en_8s_16k_stereo.wav")), 44));
        JsonNode noSamples = awaitFinished(JSON.readTree(postMultipart(uploads(TestAssets.face("portrait_woman_256.png"),
                silentHeader), Map.of()).body()).path("jobId").asString());
        assertEquals("failed", noSamples.path("state").asString(), noSamples.toString());
        assertTrue(List.of("EMPTY_AUDIO", "UNREADABLE_AUDIO").contains(noSamples.path("error").path("code").asString()),
                noSamples.toString());

        assertError(postMultipart(Map.of(), Map.of("width", "128")), 400, "INVALID_REQUEST");
        assertError(postMultipart(uploads(TestAssets.face("portrait_woman_256.png"), speech), Map.of("width", "wide")),
                400, "INVALID_REQUEST");
        assertError(postMultipart(uploads(TestAssets.face("portrait_woman_256.png"), speech), Map.of("colour", "blue")),
                400, "INVALID_REQUEST");
        assertError(HTTP.send(HttpRequest.newBuilder(url("/jobs")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("render")).build(), HttpResponse.BodyHandlers.ofString()),
                415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(postJson("{\"avatarUrl\":5}"), 400, "INVALID_REQUEST");
        JsonNode outside = awaitFinished(JSON.readTree(postJson("{\"avatarUrl\":\"/etc/passwd\",\"audioUrl\":\"" + speech
                + "\"}").body()).path("jobId").asString());
        assertEquals("PATH_NOT_ALLOWED", outside.path("error").path("code").asString(), outside.toString());
        assertError(HTTP.send(HttpRequest.newBuilder(url("/jobs/nope")).build(), HttpResponse.BodyHandlers.ofString()),
                404, "NOT_FOUND");
        HttpResponse<String> noStream = HTTP.send(HttpRequest.newBuilder(url("/jobs/nope/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, noStream.statusCode());
        assertTrue(noStream.body().contains("event:error") && noStream.body().contains("NOT_FOUND"), noStream.body());
        // A photo path in a form field must follow the same file rules as in JSON.
        JsonNode formOutside = awaitFinished(JSON.readTree(postMultipart(Map.of("audio", new Object[] {"s.wav",
                Files.readAllBytes(speech)}), Map.of("avatarUrl", "/etc/passwd")).body()).path("jobId").asString());
        assertEquals("PATH_NOT_ALLOWED", formOutside.path("error").path("code").asString(), formOutside.toString());
    }

    private HttpResponse<String> postFace(byte[] image, String type) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url("/faces")).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theFaceOfAPhotoIsFoundBeforeRendering() throws Exception {
        HttpResponse<String> found = postFace(Files.readAllBytes(TestAssets.face("portrait_woman_474.png")), "image/png");
        assertEquals(200, found.statusCode(), found.body());
        JsonNode face = JSON.readTree(found.body());
        assertEquals(474, face.path("imageWidth").asInt(), found.body());
        assertEquals(1, face.path("faces").asInt());
        int x = face.path("x").asInt();
        int width = face.path("width").asInt();
        // The portrait's face is in its middle third, a third of its width or more.
        assertTrue(x > 100 && x + width < 380 && width > 120, found.body());
        assertError(postFace(Files.readAllBytes(TestAssets.face("cat_no_human_face.jpg")), "image/jpeg"), 422,
                "NO_FACE_DETECTED");
        assertError(postFace("not a photo".getBytes(StandardCharsets.UTF_8), "image/png"), 400, "UNREADABLE_IMAGE");
        assertError(postFace(new byte[10], "text/plain"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }
}
