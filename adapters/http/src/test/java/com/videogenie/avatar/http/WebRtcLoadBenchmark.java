package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.videogenie.avatar.TestAssets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * WebRTC live figures for {@code scripts/benchmark-live-webrtc.sh}, with libwebrtc clients in this
 * JVM ({@link WebRtcCaller}): frame rate and first frame with many sessions at once, and what a
 * long run of sessions opened and closed leaves behind (threads, resident memory). Skipped in the
 * normal build; they print figures, not verdicts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebRtcLoadBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    WebRtcSessions sessions;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        ServiceEnvironment.register(properties, Map.of("AVATAR_MAX_LIVE_SESSIONS", "64",
                "AVATAR_WARMUP_IMAGE", TestAssets.face("portrait_woman_256.png").toString(),
                "AVATAR_WARMUP_AUDIO", TestAssets.audio("speech_en_8s_16k_stereo.wav").toString()));
    }

    /** {@code -Dwebrtc.sessions=10 -Dwebrtc.seconds=10}: that many calls at once, 512x512@25, speaking in real time. */
    @Test
    void concurrentSessions() throws Exception {
        int count = Integer.getInteger("webrtc.sessions", 0);
        assumeTrue(count > 0, "set webrtc.sessions to run");
        int seconds = Integer.getInteger("webrtc.seconds", 10);
        byte[] speech = LiveSpeaker.speech("speech_en_60s_16k_mono.wav", seconds);
        ExecutorService pool = Executors.newFixedThreadPool(count);
        List<Future<double[]>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            running.add(pool.submit(() -> {
                try (WebRtcCaller caller = new WebRtcCaller(true, true)) {
                    HttpResponse<String> answer = post(caller.offer());
                    if (answer.statusCode() != 201) {
                        throw new IllegalStateException(answer.body());
                    }
                    caller.answer(answer.body());
                    long spoke = System.nanoTime();
                    caller.speak(speech, seconds);
                    double first = (caller.firstFrameNanos.get() - spoke) / 1e6;
                    return new double[] {first, caller.videoFrames.get() / (double) seconds};
                }
            }));
            Thread.sleep(100);
        }
        double[] first = new double[count];
        double[] fps = new double[count];
        for (int i = 0; i < count; i++) {
            double[] result = running.get(i).get();
            first[i] = result[0];
            fps[i] = result[1];
        }
        pool.shutdown();
        Arrays.sort(first);
        Arrays.sort(fps);
        System.out.printf("webrtc benchmark: %d sessions x %d s at 512x512@%d: frames received per second min %.1f,"
                        + " median %.1f; first frame after the speech began median %.0f ms, max %.0f ms (%d cores)%n",
                count, seconds, LiveSpeaker.FPS, fps[0], fps[count / 2], first[count / 2], first[count - 1],
                Runtime.getRuntime().availableProcessors());
    }

    /** {@code -Dwebrtc.cycles=1000}: sessions opened, connected, spoken to for 0.2 s and deleted, one after another. */
    @Test
    void openAndCloseManySessions() throws Exception {
        int cycles = Integer.getInteger("webrtc.cycles", 0);
        assumeTrue(cycles > 0, "set webrtc.cycles to run");
        byte[] speech = LiveSpeaker.speech("speech_en_8s_16k_stereo.wav");
        long[] threads = new long[cycles + 1];
        long[] resident = new long[cycles + 1];
        long started = System.nanoTime();
        for (int i = 0; i <= cycles; i++) {
            try (WebRtcCaller caller = new WebRtcCaller(true, true)) {
                HttpResponse<String> answer = post(caller.offer());
                caller.answer(answer.body());
                caller.speak(speech, 0.2);
                String location = answer.headers().firstValue("Location").orElseThrow();
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + location)).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (sessions.size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            System.gc();
            threads[i] = Thread.getAllStackTraces().size();
            resident[i] = MinuteMemory.residentBytes();
            if (i % 100 == 0) {
                System.out.printf("webrtc benchmark: after %d sessions: %d threads, RSS %.1f MB, %d open%n", i,
                        threads[i], resident[i] / 1048576.0, sessions.size());
            }
        }
        System.out.printf("webrtc benchmark: %d sessions opened and closed in %.0f s: threads %d -> %d, RSS %.1f MB"
                        + " after the first, %.1f MB after the last%n", cycles, (System.nanoTime() - started) / 1e9,
                threads[1], threads[cycles], resident[1] / 1048576.0, resident[cycles] / 1048576.0);
    }

    private HttpResponse<String> post(String offer) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/webrtc?avatarUrl="
                        + TestAssets.face("portrait_woman_474.png")))
                .header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(offer)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
