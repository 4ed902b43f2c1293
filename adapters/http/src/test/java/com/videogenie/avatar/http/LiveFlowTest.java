package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.Mp4Probe;
import com.videogenie.avatar.TestAssets;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a live stream copes with clients that pause, read slowly, stop reading or talk too long. A
 * client that stops sending audio: by default the server keeps the video going with the face at
 * rest, and the speech that follows plays when it arrives; with {@code idleVideo} off the audio
 * stays the only clock.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LiveFlowTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int RATE = 16_000;
    private static final int FPS = 25;
    private static final int CHUNK_BYTES = 640;
    private static final long PAUSE_NANOS = 1_500_000_000L;
    private static final int IDLE_SECONDS = 3;
    private static Path work;

    @LocalServerPort
    int port;

    @Autowired
    LiveSocketHandler handler;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        work = ServiceEnvironment.register(properties, Map.of(
                "AVATAR_WARMUP_IMAGE", TestAssets.face("portrait_woman_256.png").toString(),
                "AVATAR_LIVE_FILL_AFTER_MS", "250",
                "AVATAR_LIVE_MAX_SECONDS", "20",
                "AVATAR_LIVE_IDLE_SECONDS", String.valueOf(IDLE_SECONDS)));
    }

    @Test
    void keepsTheFaceMovingWhileTheClientPauses() throws Exception {
        Session session = stream("");
        double idle = session.done.get("idleSeconds").asDouble();
        System.out.printf("live idle video: %d fragments during a %.1f s pause, %.2f s of silence drawn, %d frames%n",
                session.duringPause, PAUSE_NANOS / 1e9, idle, session.fragments);

        // From the fill gap (0.25 s) to the end of the pause, frames keep coming at the frame rate.
        assertTrue(session.duringPause >= 0.8 * FPS * (PAUSE_NANOS / 1e9 - 0.25 - 0.12), "fragments during the pause: "
                + session.duringPause);
        assertTrue(idle > 1.2 && idle < 1.9, "silence drawn: " + idle + " s");
        int expected = (int) Math.round((session.speechSeconds + idle) * FPS);
        assertEquals(expected, session.fragments, "one frame per 40 ms of speech and drawn silence");
        assertEquals(expected, session.done.get("frames").asInt());
        assertEquals(expected, Mp4Probe.of(session.video).h264Frames());

        // Where the client's speech goes on after the silence: its 2 s mark plays later by the silence.
        assertTrue(!session.timelines.isEmpty(), "a timeline line after the pause");
        JsonNode timeline = session.timelines.get(session.timelines.size() - 1);
        assertEquals(2000, timeline.get("audioMs").asDouble(), 1e-6);
        assertEquals(2000 + idle * 1000, timeline.get("streamMs").asDouble(), 0.1);
    }

    @Test
    void leavesTheAudioAsTheOnlyClockWhenAskedTo() throws Exception {
        Session session = stream(",\"idleVideo\":false");

        assertEquals(0, session.duringPause, "no frames while no audio comes");
        assertEquals(0, session.done.get("idleSeconds").asDouble());
        assertTrue(session.timelines.isEmpty(), "no timeline lines: the stream is the client's audio");
        assertEquals((int) Math.round(session.speechSeconds * FPS), session.fragments);
    }

    @Test
    void refusesAnIdleVideoFlagThatIsNotABoolean() throws Exception {
        LiveClient client = LiveClient.connect(port);
        client.sendText("{\"avatarUrl\":\"" + portrait() + "\",\"idleVideo\":\"yes\"}");
        JsonNode error = json(client.next(30));
        assertEquals("INVALID_REQUEST", error.get("code").asString(), error.toString());
        assertEquals(1008, client.next(5).closeCode());
    }

    @Test
    void freesTheSlotOfAClientThatStopsReadingAndSending() throws Exception {
        byte[] pcm = LiveSpeaker.speech("speech_en_8s_16k_stereo.wav");
        try (RawLiveClient client = RawLiveClient.connect(port)) {
            client.sendText("{\"avatarUrl\":\"" + portrait() + "\",\"width\":512,\"height\":512}");
            for (int at = 0; at < pcm.length; at += CHUNK_BYTES) {
                client.sendBinary(pcm, at, Math.min(CHUNK_BYTES, pcm.length - at));
            }
            // It reads nothing from here on: the idle timeout ends the session, and a send it blocks is
            // given up after SEND_TIMEOUT_MS, which drops the connection.
            long stalled = System.nanoTime();
            awaitNoSessions(IDLE_SECONDS + 1 + LiveSocketHandler.SEND_TIMEOUT_MS / 1000.0 + 5);
            System.out.printf("live stalled client: slot freed %.1f s after its last message%n",
                    (System.nanoTime() - stalled) / 1e9);
        }
        Session next = stream(",\"idleVideo\":false");
        assertEquals((int) Math.round(next.speechSeconds * FPS), next.fragments, "the service still streams");
    }

    @Test
    void holdsBackAClientThatSendsFasterThanRealTimeInsteadOfEndingIt() throws Exception {
        byte[] pcm = LiveSpeaker.speech("speech_en_8s_16k_stereo.wav");
        LiveClient client = LiveClient.connect(port);
        // 64x64 frames are drawn far faster than the socket sends their two messages each.
        client.sendText("{\"avatarUrl\":\"" + portrait() + "\",\"width\":64,\"height\":64,\"idleVideo\":false}");
        assertEquals("ready", json(client.next(30)).get("type").asString());
        for (int round = 0; round < 2; round++) {
            for (int at = 0; at < pcm.length; at += CHUNK_BYTES) {
                client.sendBinary(pcm, at, Math.min(CHUNK_BYTES, pcm.length - at));
            }
        }
        client.sendText("{\"type\":\"end\"}");
        int fragments = -1;
        JsonNode done = null;
        LiveClient.Message message;
        while (!(message = client.next(30)).isClose()) {
            if (message.bytes() != null) {
                fragments++;
            } else {
                JsonNode status = json(message);
                assertTrue(!"error".equals(status.get("type").asString()), status.toString());
                if ("done".equals(status.get("type").asString())) {
                    done = status;
                }
            }
        }
        int expected = (int) Math.round(2 * (pcm.length / 2) / (double) RATE * FPS);
        assertNotNull(done, "done before the close");
        assertEquals(expected, fragments, "every frame of 16 s sent at once");
        assertEquals(1000, message.closeCode());
    }

    @Test
    void endsASessionThatPassesItsLengthWithACode() throws Exception {
        byte[] pcm = LiveSpeaker.speech("speech_en_8s_16k_stereo.wav");
        LiveClient client = LiveClient.connect(port);
        client.sendText("{\"avatarUrl\":\"" + portrait() + "\",\"width\":64,\"height\":64,\"idleVideo\":false}");
        assertEquals("ready", json(client.next(30)).get("type").asString());
        // Three times the 8 s speech is 24 s, past the 20 s this service allows.
        for (int round = 0; round < 3; round++) {
            for (int at = 0; at < pcm.length; at += CHUNK_BYTES) {
                client.sendBinary(pcm, at, Math.min(CHUNK_BYTES, pcm.length - at));
            }
        }
        JsonNode error = null;
        LiveClient.Message message;
        while (!(message = client.next(30)).isClose()) {
            if (message.text() != null && "error".equals(json(message).get("type").asString())) {
                error = json(message);
            }
        }
        assertNotNull(error, "an error line before the close");
        assertEquals("AUDIO_TOO_LONG", error.get("code").asString(), error.toString());
        assertEquals(1008, message.closeCode());
    }

    private void awaitNoSessions(double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (handler.sessions() > 0) {
            assertTrue(System.nanoTime() < deadline, handler.sessions() + " live sessions still open after "
                    + seconds + " s");
            Thread.sleep(50);
        }
    }

    private record Session(JsonNode done, List<JsonNode> timelines, int fragments, int duringPause,
                           double speechSeconds, Path video) {
    }

    /** Two seconds of speech at speaking pace, a 1.5 s pause, one more second, then the end message. */
    private Session stream(String extraStartFields) throws Exception {
        byte[] pcm = LiveSpeaker.speech("speech_en_8s_16k_stereo.wav");
        LiveClient client = LiveClient.connect(port);
        client.sendText("{\"avatarUrl\":\"" + portrait() + "\",\"width\":256,\"height\":256,\"fps\":25,\"seed\":7"
                + extraStartFields + "}");
        assertEquals("ready", json(client.next(30)).get("type").asString());
        LiveClient.Message init = client.next(5);
        assertNotNull(init.bytes(), "init segment");

        int before = 2 * RATE * 2 / CHUNK_BYTES;
        int after = RATE * 2 / CHUNK_BYTES;
        long start = System.nanoTime();
        for (int c = 0; c < before; c++) {
            LockSupport.parkNanos(start + c * 20_000_000L - System.nanoTime());
            client.sendBinary(pcm, c * CHUNK_BYTES, CHUNK_BYTES);
        }
        long pauseFrom = System.nanoTime();
        LockSupport.parkNanos(PAUSE_NANOS);
        long pauseTo = System.nanoTime();
        for (int c = 0; c < after; c++) {
            LockSupport.parkNanos(pauseTo + c * 20_000_000L - System.nanoTime());
            client.sendBinary(pcm, (before + c) * CHUNK_BYTES, CHUNK_BYTES);
        }
        client.sendText("{\"type\":\"end\"}");

        ByteArrayOutputStream video = new ByteArrayOutputStream();
        video.writeBytes(init.bytes());
        List<Long> arrivals = new ArrayList<>();
        List<JsonNode> timelines = new ArrayList<>();
        JsonNode done = null;
        while (done == null) {
            LiveClient.Message message = client.next(30);
            assertTrue(!message.isClose(), "closed before done: " + message.closeCode());
            if (message.bytes() != null) {
                video.writeBytes(message.bytes());
                arrivals.add(message.nanos());
            } else {
                JsonNode status = json(message);
                assertTrue(!"error".equals(status.get("type").asString()), status.toString());
                if ("done".equals(status.get("type").asString())) {
                    done = status;
                } else if ("timeline".equals(status.get("type").asString())) {
                    timelines.add(status);
                }
            }
        }
        // The last frames of the speech before the pause wait for their look-ahead: count from after it.
        long settled = pauseFrom + 150_000_000L;
        int duringPause = (int) arrivals.stream().filter(t -> t > settled && t < pauseTo).count();
        Path file = work.resolve("idle-" + System.nanoTime() + ".mp4");
        Files.write(file, video.toByteArray());
        return new Session(done, timelines, arrivals.size(), duringPause, (before + after) * CHUNK_BYTES / 2.0 / RATE, file);
    }

    private static String portrait() {
        return TestAssets.face("portrait_woman_474.png").toString();
    }

    private static JsonNode json(LiveClient.Message message) {
        assertNotNull(message.text(), "expected a text message");
        return JSON.readTree(message.text());
    }
}
