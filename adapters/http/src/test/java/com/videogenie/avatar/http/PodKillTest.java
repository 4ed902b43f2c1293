package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.Mp4Probe;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.storage.TestS3Server;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pod killed outright (SIGKILL, as the OOM killer or a node failure does it) in the middle of two
 * renders, one to a local folder and one to S3: when the service starts again over the same folders,
 * nothing of those renders is left at their outputs or in the work folder, and it renders again.
 */
class PodKillTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void aRenderKilledMidwayLeavesNothingOnceTheServiceStartsAgain() throws Exception {
        try (TestS3Server s3 = new TestS3Server()) {
            s3.createBucket("inputs");
            s3.createBucket("renders");
            s3.put("inputs", "portrait.png", Files.readAllBytes(TestAssets.face("portrait_woman_474.png")));
            Path out = Files.createDirectories(dir.resolve("out"));
            Path workDir = dir.resolve("work");
            Map<String, String> env = Map.of(
                    "AVATAR_ALLOWED_INPUT_DIRS", TestAssets.assets().toString(),
                    "AVATAR_OUTPUT_DIR", out.toString(),
                    "AVATAR_WORK_DIR", workDir.toString(),
                    "AVATAR_MAX_CONCURRENT_RENDERS", "2",
                    "AVATAR_S3_ENDPOINT", s3.endpoint().toString(),
                    "AWS_ACCESS_KEY_ID", TestS3Server.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", TestS3Server.SECRET_KEY);
            String speech = TestAssets.audio("speech_en_60s_16k_mono.wav").toString();

            try (ServiceProcess first = ServiceProcess.start("pod-kill-first.log", dir.resolve("cache"), env)) {
                CompletableFuture<?> local = render(first, "kill-local",
                        "{\"avatarUrl\":\"" + TestAssets.face("portrait_woman_474.png") + "\",\"audioUrl\":\"" + speech
                                + "\",\"width\":256,\"height\":256}");
                CompletableFuture<?> remote = render(first, "kill-s3",
                        "{\"avatarUrl\":\"s3://inputs/portrait.png\",\"audioUrl\":\"" + speech
                                + "\",\"outputUrl\":\"s3://renders/\",\"width\":256,\"height\":256}");
                first.await("both renders writing", 90, () -> {
                    try {
                        return first.rendersInFlight() == 2 && !files(out).isEmpty() && !jobFolders(workDir).isEmpty();
                    } catch (Exception e) {
                        return false;
                    }
                });
                first.process.destroyForcibly();  // SIGKILL: no shutdown hook, no finally block runs
                assertTrue(first.process.waitFor(30, TimeUnit.SECONDS));
                assertTrue(!local.isDone() || local.isCompletedExceptionally());
                assertTrue(!remote.isDone() || remote.isCompletedExceptionally());
            }
            // What the kill left, so this test would fail if the restart cleaned nothing.
            List<Path> leftOutputs = files(out);
            assertEquals(1, leftOutputs.size(), "the killed local render left its partial file: " + leftOutputs);
            assertTrue(leftOutputs.get(0).getFileName().toString().matches("\\.kill-local\\.mp4\\..*\\.partial"));
            assertTrue(jobFolders(workDir).size() >= 1, "the S3 render left its job folder");

            try (ServiceProcess second = ServiceProcess.start("pod-kill-second.log", dir.resolve("cache"), env)) {
                assertEquals(List.of(), files(out), "no file at the local output after the restart");
                assertEquals(List.of(), s3.keys("renders"), "no object at the S3 output");
                assertEquals(List.of(), jobFolders(workDir), "no job folder of the killed process");
                try (Stream<Path> runs = Files.list(workDir)) {
                    assertEquals(2, runs.count(), "only the new process's run folder and its lock");
                }
                assertTrue(Files.readString(second.log).contains("stopped process"), "the clean-up is logged");

                // The killed job, delivered again, renders in full.
                HttpResponse<String> again = render(second, "kill-local",
                        "{\"avatarUrl\":\"" + TestAssets.face("portrait_woman_474.png") + "\",\"audioUrl\":\""
                                + TestAssets.audio("speech_en_8s_16k_stereo.wav") + "\",\"width\":128,\"height\":128}")
                        .get(120, TimeUnit.SECONDS);
                assertEquals(200, again.statusCode(), again.body());
                assertTrue(Mp4Probe.of(out.resolve("kill-local.mp4")).h264Frames() > 100);
            }
        }
    }

    private static CompletableFuture<HttpResponse<String>> render(ServiceProcess service, String id, String data) {
        return HTTP.sendAsync(HttpRequest.newBuilder(service.base.resolve("/"))
                .header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-type", "com.videogenie.avatar.render.requested").header("ce-source", "/tests")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(data)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Every file under {@code folder}, hidden ones included. */
    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** The job folders under any process's run in the work folder. */
    private static List<Path> jobFolders(Path workDir) throws IOException {
        if (!Files.isDirectory(workDir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(workDir, 2)) {
            return walk.filter(p -> p.getFileName().toString().startsWith("job-")).toList();
        }
    }
}
