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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as its own process, as Knative runs it: SIGTERM while a render runs lets the render
 * finish and answer before the process exits.
 */
class GracefulShutdownTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void sigtermDuringARenderLetsItFinish() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("graceful-shutdown.log", work.resolve("cache"), Map.of(
                "AVATAR_ALLOWED_INPUT_DIRS", TestAssets.assets().toString(),
                "AVATAR_OUTPUT_DIR", work.resolve("out").toString(),
                "AVATAR_SHUTDOWN_GRACE_SECONDS", "120"))) {
            Process process = service.process;
            URI base = service.base;
            int port = service.port;
            String data = "{\"avatarUrl\":\"" + TestAssets.face("portrait_woman_474.png") + "\",\"audioUrl\":\""
                    + TestAssets.audio("speech_en_60s_16k_mono.wav") + "\",\"width\":256,\"height\":256,\"seed\":9}";
            CompletableFuture<HttpResponse<String>> render = HTTP.sendAsync(HttpRequest.newBuilder(base.resolve("/"))
                    .header("ce-specversion", "1.0").header("ce-id", "shutdown-1")
                    .header("ce-type", "com.videogenie.avatar.render.requested").header("ce-source", "/tests")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(data)).build(),
                    HttpResponse.BodyHandlers.ofString());
            service.await("a render in flight", 60, () -> {
                try {
                    return render.isDone() || service.rendersInFlight() == 1;
                } catch (Exception e) {
                    return false;
                }
            });
            assertTrue(!render.isDone(), "the render was still running when SIGTERM came");
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
        }
    }
}
