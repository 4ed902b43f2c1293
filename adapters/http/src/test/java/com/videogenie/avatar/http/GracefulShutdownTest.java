package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.Mp4Probe;
import com.videogenie.avatar.TestAssets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as its own process, as Knative runs it: SIGTERM while a render runs lets the render
 * finish and answer before the process exits.
 */
class GracefulShutdownTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");

    @TempDir
    Path work;

    @Test
    void sigtermDuringARenderLetsItFinish() throws Exception {
        // Kept in target/ so a failure can be read after the temporary folder is gone.
        Path log = Files.createDirectories(Path.of("target")).resolve("graceful-shutdown.log");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The port is read from Spring Boot's start-up line, which a test logback file may silence.
                "-Xmx1g", "-Dlogging.level.org.springframework.boot=INFO", "-cp", classpath,
                AvatarHttpApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(TestAssets.environment(work.resolve("cache")));
        builder.environment().put("PORT", "0");
        builder.environment().put("AVATAR_ALLOWED_INPUT_DIRS", TestAssets.assets().toString());
        builder.environment().put("AVATAR_OUTPUT_DIR", work.resolve("out").toString());
        builder.environment().put("AVATAR_SHUTDOWN_GRACE_SECONDS", "120");
        Process process = builder.start();
        try {
            int port = awaitPort(log, process);
            URI base = URI.create("http://127.0.0.1:" + port);
            awaitReady(base, process, log);

            String data = "{\"avatarUrl\":\"" + TestAssets.face("portrait_woman_474.png") + "\",\"audioUrl\":\""
                    + TestAssets.audio("speech_en_60s_16k_mono.wav") + "\",\"width\":256,\"height\":256,\"seed\":9}";
            CompletableFuture<HttpResponse<String>> render = HTTP.sendAsync(HttpRequest.newBuilder(base.resolve("/"))
                    .header("ce-specversion", "1.0").header("ce-id", "shutdown-1")
                    .header("ce-type", "com.videogenie.avatar.render.requested").header("ce-source", "/tests")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(data)).build(),
                    HttpResponse.BodyHandlers.ofString());
            awaitInFlight(base, render);
            LiveSpeaker live = LiveSpeaker.open(port, LiveSpeaker.portraitStartAudioClocked());

            process.destroy();  // SIGTERM
            // The open live session goes on to its end; a new one is refused.
            Thread.sleep(500);
            CompletionException refused = assertThrows(CompletionException.class, () -> LiveClient.connect(port));
            assertEquals(503, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
            // Longer than the render still has to go, so the process is held open by this session alone.
            byte[] pcm = LiveSpeaker.speech("speech_en_8s_16k_stereo.wav", 6);
            LiveSpeaker.Result spoken = live.speak(pcm, LiveSpeaker.Pace.REAL_TIME, false, chunk -> { });
            assertTrue(spoken.errors().isEmpty(), () -> "error lines: " + spoken.errors());
            assertEquals(LiveSpeaker.frames(pcm.length), spoken.done().get("frames").asInt(),
                    "the live session ran to its end after SIGTERM");
            HttpResponse<String> response = render.get(120, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("com.videogenie.avatar.render.completed", response.headers().firstValue("ce-type").orElse(null));
            Path video = work.resolve("out/shutdown-1.mp4");
            assertTrue(Mp4Probe.of(video).h264Frames() > 1000, "the whole 60 s video was written");
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the process exits once the render is answered");
        } finally {
            process.destroyForcibly();
        }
    }

    private static int awaitPort(Path log, Process process) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher m = PORT.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not start:\n" + Files.readString(log));
    }

    private static void awaitReady(URI base, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline && process.isAlive()) {
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (ready.statusCode() == 200) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not become ready:\n" + Files.readString(log));
    }

    private static void awaitInFlight(URI base, CompletableFuture<?> render) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && !render.isDone()) {
            String metrics = HTTP.send(HttpRequest.newBuilder(base.resolve("/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (metrics.contains("avatar_renders_in_flight 1.0")) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the render never showed as in flight");
    }
}
