package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.videogenie.avatar.media.AudioDecoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Live WebSocket figures for {@code scripts/benchmark-live.sh}: latency with many sessions at once,
 * and memory over a long session. Skipped in the normal build; they print figures, not verdicts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveLoadBenchmark {
    private static final int RATE = 16_000;
    private static final int FPS = 25;
    private static final int CHUNK_BYTES = 640;
    private static final double LOOK_AHEAD = 0.08;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        Path work = Files.createTempDirectory("avatar-live-benchmark");
        Path mirror = SharedAssets.mirror();
        Map<String, Object> env = Map.of(
                "AVATAR_MIRROR", mirror.toString(),
                "AVATAR_CACHE_DIR", work.resolve("cache").toString(),
                "AVATAR_ALLOWED_INPUT_DIRS", mirror.resolve("assets").toString(),
                "AVATAR_WORK_DIR", work.resolve("jobs").toString(),
                "AVATAR_MAX_LIVE_SESSIONS", "64");
        env.forEach((name, value) -> properties.add(name, () -> value));
    }

    /** {@code -Dlive.sessions=10 -Dlive.seconds=20}: that many sessions at real-time pace, started 100 ms apart. */
    @Test
    void concurrentSessions() throws Exception {
        int sessions = Integer.getInteger("live.sessions", 0);
        assumeTrue(sessions > 0, "set live.sessions to run");
        int seconds = Integer.getInteger("live.seconds", 20);
        byte[] pcm = speech(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        List<Future<double[]>> results = new ArrayList<>();
        for (int s = 0; s < sessions; s++) {
            results.add(pool.submit(() -> stream(pcm, 1, null)));
            Thread.sleep(100);
        }
        List<Double> all = new ArrayList<>();
        for (Future<double[]> result : results) {
            Arrays.stream(result.get()).forEach(all::add);
        }
        pool.shutdown();
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("live benchmark: %d sessions x %d s at 512x512@%d: frame latency p50 %.1f ms, p95 %.1f ms,"
                + " max %.1f ms over %d frames%n", sessions, seconds, FPS, at(sorted, 0.5), at(sorted, 0.95),
                sorted[sorted.length - 1], sorted.length);
    }

    /** {@code -Dlive.minutes=10 -Dlive.speed=5}: one long session sent faster than real time, memory each minute. */
    @Test
    void longSessionMemory() throws Exception {
        int minutes = Integer.getInteger("live.minutes", 0);
        assumeTrue(minutes > 0, "set live.minutes to run");
        double speed = Double.parseDouble(System.getProperty("live.speed", "5"));
        byte[] pcm = speech(60);
        stream(pcm, minutes, speed);
    }

    /** Streams {@code pcm} {@code repeats} times at {@code speed} x real time (null: 1, no memory lines). */
    private double[] stream(byte[] pcm, int repeats, Double speed) throws Exception {
        LiveClient client = LiveClient.connect(port);
        client.sendText("{\"avatarUrl\":\"" + SharedAssets.face("portrait_woman_474.png") + "\"}");
        client.next(30);
        client.next(30);
        List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try {
                for (LiveClient.Message m = client.next(60); !m.isClose(); m = client.next(60)) {
                    if (m.bytes() != null) {
                        arrivals.add(m.nanos());
                    } else if (!m.text().contains("\"fragment\"")) {
                        System.out.println("live benchmark: " + m.text());
                    }
                }
            } catch (InterruptedException | AssertionError e) {
                System.out.println("live benchmark: reader stopped: " + e);
            }
        });
        reader.start();
        int chunks = (pcm.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        long[] sent = new long[chunks];
        double pace = 20_000_000L / (speed == null ? 1 : speed);
        long start = System.nanoTime();
        long chunk = 0;
        for (int r = 0; r < repeats; r++) {
            for (int c = 0; c < chunks; c++, chunk++) {
                LockSupport.parkNanos(start + (long) (chunk * pace) - System.nanoTime());
                sent[c] = System.nanoTime();
                client.sendBinary(pcm, c * CHUNK_BYTES, Math.min(CHUNK_BYTES, pcm.length - c * CHUNK_BYTES));
            }
            if (speed != null) {
                System.gc();
                Runtime runtime = Runtime.getRuntime();
                String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(line -> line.startsWith("VmRSS")).findFirst().orElse("VmRSS: ?").replaceAll("\\s+", " ");
                System.out.printf("live benchmark: minute %d: heap used %d MB, %s, %d fragments%n", r + 1,
                        (runtime.totalMemory() - runtime.freeMemory()) >> 20, rss, arrivals.size());
            }
        }
        client.sendText("{\"type\":\"end\"}");
        reader.join();
        double[] latency = new double[Math.min(arrivals.size(), (int) ((long) chunks * CHUNK_BYTES / 2 * FPS / RATE))];
        for (int i = 0; i < latency.length; i++) {
            long needed = (long) Math.ceil(((i + 1) / (double) FPS + LOOK_AHEAD) * RATE) * 2;
            int c = (int) Math.min(chunks - 1, (needed + CHUNK_BYTES - 1) / CHUNK_BYTES - 1);
            latency[i] = (arrivals.get(i) - sent[c]) / 1e6;
        }
        return latency;
    }

    private static byte[] speech(int seconds) throws Exception {
        float[] samples = AudioDecoder.decode(SharedAssets.audio("speech_en_60s_16k_mono.wav"), RATE, 600)
                .clip().samples();
        samples = Arrays.copyOf(samples, Math.min(samples.length, seconds * RATE));
        byte[] pcm = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int v = Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768f)));
            pcm[2 * i] = (byte) v;
            pcm[2 * i + 1] = (byte) (v >> 8);
        }
        return pcm;
    }

    private static double at(double[] sorted, double fraction) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
    }
}
