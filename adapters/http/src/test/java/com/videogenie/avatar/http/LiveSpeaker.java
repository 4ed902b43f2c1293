package com.videogenie.avatar.http;

import com.videogenie.avatar.PcmBytes;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.media.AudioDecoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A /live client that speaks: it starts a session, sends PCM in 20 ms chunks at a chosen pace while
 * another thread reads the replies, and records when each chunk left and each fragment arrived. The
 * live tests and {@link LiveLoadBenchmark} all stream through it.
 */
final class LiveSpeaker {
    static final int RATE = 16_000;
    static final int FPS = 25;
    static final int CHUNK_BYTES = 640;
    /** The server's default look-ahead: a frame is drawn once the sound 80 ms past its end has arrived. */
    static final double LOOK_AHEAD = 0.08;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LiveClient client;
    private final double readyMs;
    private final byte[] init;
    private final AtomicInteger fragments = new AtomicInteger();
    private volatile boolean closed;

    /**
     * How fast audio is sent: {@code speed} x real time (infinite: as fast as allowed), and at most
     * {@code framesAhead} frames of sound sent beyond the fragments received (0: no limit), so a fast
     * sender never fills the server's queue of fragments.
     */
    record Pace(double speed, int framesAhead) {
        static final Pace REAL_TIME = new Pace(1, 0);

        static Pace flowControlled(int framesAhead) {
            return new Pace(Double.POSITIVE_INFINITY, framesAhead);
        }
    }

    /** Runs on the sending thread after chunk {@code chunk} (from 0) has been sent. */
    interface AfterChunk {
        void sent(int chunk) throws Exception;
    }

    /**
     * What came back. Times are {@link System#nanoTime()}: when each chunk was sent, when the end
     * message was, when each fragment arrived (the first {@code arrivals.length} of them);
     * {@code serverLatencyMs} is what the server reported in each fragment line.
     */
    record Result(double readyMs, int pcmBytes, long[] sent, long endSent, long[] arrivals,
                  double[] serverLatencyMs, int fragments, JsonNode done, List<JsonNode> errors,
                  List<String> unexpected, int closeCode, byte[] video) {
        /**
         * Per frame, from the chunk that let it be drawn (the one holding its last sound plus the
         * look-ahead; the end message for the last frames) to its fragment arriving, in ms.
         */
        double[] latencyMs() {
            double[] latency = new double[Math.min(fragments, arrivals.length)];
            for (int i = 0; i < latency.length; i++) {
                long needed = (long) Math.ceil(((i + 1) / (double) FPS + LOOK_AHEAD) * RATE) * 2;
                int chunk = (int) Math.min(sent.length - 1, (needed + CHUNK_BYTES - 1) / CHUNK_BYTES - 1);
                latency[i] = (arrivals[i] - (needed > pcmBytes ? endSent : sent[chunk])) / 1e6;
            }
            return latency;
        }

        /** From the first chunk sent to the first fragment received, in ms. */
        double firstFragmentMs() {
            return (arrivals[0] - sent[0]) / 1e6;
        }

        /** From the end message sent to the last fragment received, in ms. */
        double lastFragmentMs() {
            return (arrivals[Math.min(fragments, arrivals.length) - 1] - endSent) / 1e6;
        }
    }

    private LiveSpeaker(LiveClient client, double readyMs, byte[] init) {
        this.client = client;
        this.readyMs = readyMs;
        this.init = init;
    }

    /** Connects and starts a session; a refused handshake throws {@link CompletionException}. */
    static LiveSpeaker open(int port, String startJson) throws InterruptedException {
        return start(LiveClient.connect(port), startJson);
    }

    /** Starts a session on a connected client: sends {@code startJson}, waits for ready and the init segment. */
    static LiveSpeaker start(LiveClient client, String startJson) throws InterruptedException {
        long connected = System.nanoTime();
        client.sendText(startJson);
        LiveClient.Message first = client.next(30);
        JsonNode ready = first.text() == null ? null : JSON.readTree(first.text());
        if (ready == null || !"ready".equals(ready.path("type").asString(""))) {
            throw new AssertionError("expected ready, got " + describe(first));
        }
        double readyMs = (System.nanoTime() - connected) / 1e6;
        LiveClient.Message init = client.next(10);
        if (init.bytes() == null) {
            throw new AssertionError("expected the init segment, got " + describe(init));
        }
        return new LiveSpeaker(client, readyMs, init.bytes());
    }

    /** A start message for the shared portrait at 512x512@25 with a fixed seed. */
    static String portraitStart() {
        return "{\"avatarUrl\":\"" + TestAssets.face("portrait_woman_474.png") + "\",\"width\":512,\"height\":512,"
                + "\"fps\":" + FPS + ",\"seed\":5}";
    }

    /**
     * As {@link #portraitStart}, with the audio as the only clock: capacity tests count frames exactly,
     * and a client thread starved for 250 ms on a saturated machine would otherwise get idle frames.
     */
    static String portraitStartAudioClocked() {
        return portraitStart().replace("}", ",\"idleVideo\":false}");
    }

    /** A shared speech as 16 kHz mono s16le PCM, looped or cut to {@code seconds}. */
    static byte[] speech(String file, double seconds) {
        float[] once = AudioDecoder.decode(TestAssets.audio(file), RATE, 600).clip().samples();
        float[] samples = new float[(int) Math.round(seconds * RATE)];
        for (int from = 0; from < samples.length; from += once.length) {
            System.arraycopy(once, 0, samples, from, Math.min(once.length, samples.length - from));
        }
        return PcmBytes.s16le(samples);
    }

    /** A whole shared speech as 16 kHz mono s16le PCM. */
    static byte[] speech(String file) {
        return PcmBytes.s16le(AudioDecoder.decode(TestAssets.audio(file), RATE, 600).clip().samples());
    }

    /** Frames a stream of this much PCM has: {@code round(seconds x fps)}, at least one. */
    static int frames(int pcmBytes) {
        return Math.max(1, (int) Math.round(pcmBytes / 2.0 / RATE * FPS));
    }

    /** Fragments received so far. */
    int fragments() {
        return fragments.get();
    }

    /** Waits until {@code count} fragments have arrived, or fails after {@code seconds}. */
    void awaitFragments(int count, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (fragments.get() < count && !closed) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(fragments.get() + " fragments after " + seconds + " s, waited for " + count);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Sends {@code pcm} at {@code pace}, then the end message, and returns what came back once the
     * server closed. {@code keepVideo}: also return the init segment and all fragments, as one MP4.
     */
    Result speak(byte[] pcm, Pace pace, boolean keepVideo, AfterChunk afterChunk) throws Exception {
        int chunks = (pcm.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
        long[] sent = new long[chunks];
        // Sized up front, so nothing this client keeps grows while a long session is measured.
        int frames = frames(pcm.length);
        Reader reader = new Reader(new long[frames], new double[frames],
                keepVideo ? new ByteArrayOutputStream() : null);
        Thread reading = new Thread(reader, "live-speaker-read");
        reading.start();
        double pause = 20_000_000L / pace.speed();
        long start = System.nanoTime();
        long endSent = 0;
        try {
            for (int c = 0; c < chunks && !closed; c++) {
                if (pause > 0) {
                    LockSupport.parkNanos(start + (long) (c * pause) - System.nanoTime());
                }
                // Frames of sound this chunk completes, minus those already back, is what is in flight.
                long framesSent = (long) (c + 1) * CHUNK_BYTES / 2 * FPS / RATE;
                while (pace.framesAhead() > 0 && framesSent - fragments.get() > pace.framesAhead() && !closed) {
                    LockSupport.parkNanos(200_000);
                }
                sent[c] = System.nanoTime();
                client.sendBinary(pcm, c * CHUNK_BYTES, Math.min(CHUNK_BYTES, pcm.length - c * CHUNK_BYTES));
                afterChunk.sent(c);
            }
            if (!closed) {
                endSent = System.nanoTime();
                client.sendText("{\"type\":\"end\"}");
            }
        } catch (CompletionException e) {
            // The server closed while we were sending; the reader records why.
        }
        reading.join(TimeUnit.SECONDS.toMillis(90));
        if (reading.isAlive()) {
            throw new AssertionError("the server did not close within 90 s of the end message");
        }
        if (reader.failure != null) {
            throw new AssertionError("reading the replies failed", reader.failure);
        }
        byte[] video = null;
        if (keepVideo) {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.writeBytes(init);
            reader.video.writeTo(whole);
            video = whole.toByteArray();
        }
        double[] serverLatency = Arrays.copyOf(reader.serverLatency, Math.min(reader.lines, frames));
        return new Result(readyMs, pcm.length, sent, endSent, reader.arrivals, serverLatency,
                fragments.get(), reader.done, reader.errors, reader.unexpected, reader.closeCode, video);
    }

    /** Reads every reply until the close, sorting fragments, status lines and errors. */
    private final class Reader implements Runnable {
        final long[] arrivals;
        final double[] serverLatency;
        final ByteArrayOutputStream video;
        int lines;
        final List<JsonNode> errors = new ArrayList<>();
        final List<String> unexpected = new ArrayList<>();
        JsonNode done;
        int closeCode;
        Throwable failure;

        Reader(long[] arrivals, double[] serverLatency, ByteArrayOutputStream video) {
            this.arrivals = arrivals;
            this.serverLatency = serverLatency;
            this.video = video;
        }

        @Override
        public void run() {
            try {
                LiveClient.Message m;
                while (!(m = client.next(60)).isClose()) {
                    if (m.bytes() != null) {
                        int frame = fragments.get();
                        if (frame < arrivals.length) {
                            arrivals[frame] = m.nanos();
                        }
                        if (video != null) {
                            video.writeBytes(m.bytes());
                        }
                        fragments.incrementAndGet();
                    } else {
                        JsonNode status = JSON.readTree(m.text());
                        switch (status.path("type").asString("")) {
                            case "fragment" -> {
                                if (lines < serverLatency.length) {
                                    serverLatency[lines] = status.get("latencyMs").asDouble();
                                }
                                lines++;
                            }
                            // The last sound after the last frame (zero look-ahead): its bytes were no frame.
                            case "tail" -> fragments.decrementAndGet();
                            case "done" -> done = status;
                            case "error" -> errors.add(status);
                            default -> unexpected.add(m.text());
                        }
                    }
                }
                closeCode = m.closeCode();
            } catch (Throwable e) {
                failure = e;
            } finally {
                closed = true;
            }
        }
    }

    /** The value below which {@code fraction} of {@code values} lie. */
    static double percentile(double[] values, double fraction) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
    }

    private static String describe(LiveClient.Message message) {
        return message.text() != null ? message.text()
                : message.bytes() != null ? message.bytes().length + " bytes" : "close " + message.closeCode();
    }
}
