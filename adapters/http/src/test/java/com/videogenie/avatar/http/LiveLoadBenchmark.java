package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Live WebSocket figures for {@code scripts/benchmark-live.sh}: latency with many sessions at once,
 * and memory over a long session. Skipped in the normal build; they print figures, not verdicts (the
 * verdicts are {@code LiveConcurrencyTest}, {@code LiveConcurrencyAtTenTest} and {@code LiveLongSessionTest}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveLoadBenchmark {
    private static final String SPEECH = "speech_en_60s_16k_mono.wav";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        ServiceEnvironment.register(properties, Map.of("AVATAR_MAX_LIVE_SESSIONS", "64",
                "AVATAR_LIVE_MAX_SECONDS", String.valueOf(Math.max(600, Integer.getInteger("live.minutes", 0) * 60))));
    }

    /** {@code -Dlive.sessions=10 -Dlive.seconds=20}: that many sessions at real-time pace, started 100 ms apart. */
    @Test
    void concurrentSessions() throws Exception {
        int sessions = Integer.getInteger("live.sessions", 0);
        assumeTrue(sessions > 0, "set live.sessions to run");
        int seconds = Integer.getInteger("live.seconds", 20);
        byte[] pcm = LiveSpeaker.speech(SPEECH, seconds);
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Future<LiveSpeaker.Result>> running = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            running.add(pool.submit(() -> LiveSpeaker.open(port, LiveSpeaker.portraitStart())
                    .speak(pcm, LiveSpeaker.Pace.REAL_TIME, false, chunk -> { })));
            Thread.sleep(100);
        }
        List<LiveSpeaker.Result> results = new ArrayList<>();
        for (Future<LiveSpeaker.Result> result : running) {
            results.add(result.get());
        }
        pool.shutdown();
        double[] first = results.stream().mapToDouble(LiveSpeaker.Result::firstFragmentMs).toArray();
        double[] latency = results.stream().flatMapToDouble(result -> DoubleStream.of(result.latencyMs())).toArray();
        long incomplete = results.stream().filter(result -> result.done() == null || !result.errors().isEmpty()).count();
        System.out.printf("live benchmark: %d sessions x %d s at 512x512@%d: first fragment after the first chunk"
                        + " p50 %.0f ms, max %.0f ms; frame latency p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d"
                        + " frames; %d sessions without done or with an error%n", sessions, seconds, LiveSpeaker.FPS,
                LiveSpeaker.percentile(first, 0.5), LiveSpeaker.percentile(first, 1),
                LiveSpeaker.percentile(latency, 0.5), LiveSpeaker.percentile(latency, 0.95),
                LiveSpeaker.percentile(latency, 1), latency.length, incomplete);
    }

    /**
     * {@code -Dlive.minutes=10 -Dlive.speed=5}: one long session sent at that speed (at most 20 frames of
     * sound ahead of the video received), memory each minute.
     */
    @Test
    void longSessionMemory() throws Exception {
        int minutes = Integer.getInteger("live.minutes", 0);
        assumeTrue(minutes > 0, "set live.minutes to run");
        double speed = Double.parseDouble(System.getProperty("live.speed", "5"));
        byte[] pcm = LiveSpeaker.speech(SPEECH, minutes * 60);
        LiveSpeaker speaker = LiveSpeaker.open(port, LiveSpeaker.portraitStart());
        MinuteMemory memory = new MinuteMemory(speaker, minutes, "live benchmark");
        long started = System.nanoTime();
        LiveSpeaker.Result result = speaker.speak(pcm, new LiveSpeaker.Pace(speed, 20), false, memory);
        double elapsed = (System.nanoTime() - started) / 1e9;
        System.out.printf("live benchmark: %d-minute session at up to %.1fx real time: %d frames in %.0f s, %s%n",
                minutes, speed, result.fragments(), elapsed, result.done() != null ? result.done()
                        : "no done line: " + result.errors());
        if (minutes > 1) {
            System.out.printf("live benchmark: growth after minute 1: heap after GC %.1f MB, RSS %.1f MB%n",
                    memory.heapGrowth() / (double) MinuteMemory.MB, memory.residentGrowth() / (double) MinuteMemory.MB);
        }
    }
}
