package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A callback still failing when its pod stops is kept beside the job's stored result, and the next
 * pod that sees the job (a repeat of it, answered from the stored result) posts it: two service
 * processes in turn over one output folder.
 */
class KeptCallbackTest {
    private static final String SECRET = "kept-callback-secret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    @Test
    void aCallbackOwedWhenThePodStopsIsPostedByTheNextPodThatSeesTheJob() throws Exception {
        Integer[] failing = new Integer[100];
        Arrays.fill(failing, 503);
        try (CallbackServer receiver = new CallbackServer(failing)) {
            Path out = Files.createDirectories(dir.resolve("out"));
            Map<String, String> env = Map.of(
                    "AVATAR_ALLOWED_INPUT_DIRS", TestAssets.assets().toString(),
                    "AVATAR_OUTPUT_DIR", out.toString(),
                    "AVATAR_WORK_DIR", dir.resolve("work").toString(),
                    "AVATAR_FETCH_ALLOWED_HOSTS", "127.0.0.1",
                    "AVATAR_WEBHOOK_SECRET", SECRET,
                    "AVATAR_WEBHOOK_ATTEMPTS", "20",
                    "AVATAR_WEBHOOK_RETRY_MILLIS", "300");
            String request = "{\"avatarUrl\":\"" + TestAssets.face("portrait_woman_474.png") + "\",\"audioUrl\":\""
                    + TestAssets.audio("speech_en_8s_16k_stereo.wav") + "\",\"width\":128,\"height\":128,\"fps\":10";

            Path note;
            try (ServiceProcess first = ServiceProcess.start("kept-callback-first.log", dir.resolve("cache"), env)) {
                HttpResponse<String> reply = post(first, request + ",\"callbackUrl\":\"" + receiver.url() + "\"}");
                assertEquals(200, reply.statusCode(), reply.body());
                first.await("two failed callback attempts", 60, () -> receiver.count() >= 2);
                note = only(out, ".callback.json");
                first.process.destroy();  // SIGTERM: the pod is scaled down while the receiver is still failing
                assertTrue(first.process.waitFor(60, TimeUnit.SECONDS));
                assertTrue(Files.readString(first.log).contains("kept at " + note.toUri()), "the log says where it is kept");
            }
            assertTrue(Files.exists(note), "the owed callback outlived its pod");
            int failedAttempts = receiver.count();
            receiver.answerOkFromNow();

            try (ServiceProcess second = ServiceProcess.start("kept-callback-second.log", dir.resolve("cache"), env)) {
                // The job seen again, without a callback of its own: answered from its stored result.
                HttpResponse<String> again = post(second, request + "}");
                assertEquals(200, again.statusCode(), again.body());
                CallbackServer.Received call = receiver.next(Duration.ofSeconds(30));
                JsonNode event = JSON.readTree(call.body());
                assertEquals("com.videogenie.avatar.render.completed", event.path("type").asString());
                assertEquals("kept-1", event.path("correlationid").asString(), "the reply to the first delivery");
                call.assertSignedWith(SECRET);
                second.await("the kept note removed", 30, () -> !Files.exists(note));
                Thread.sleep(1000);
                assertEquals(failedAttempts + 1, receiver.count(), "posted once more, then done");
            }
        }
    }

    private static HttpResponse<String> post(ServiceProcess service, String data) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(service.base.resolve("/"))
                .header("ce-specversion", "1.0").header("ce-id", "kept-1")
                .header("ce-type", "com.videogenie.avatar.render.requested").header("ce-source", "/tests")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(data)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Path only(Path folder, String suffix) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> found = list.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "one " + suffix + " in " + folder + ": " + found);
            return found.get(0);
        }
    }
}
