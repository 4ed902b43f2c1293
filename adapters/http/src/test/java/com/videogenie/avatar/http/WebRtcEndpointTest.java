package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /live/webrtc} on a real port, with a real WebRTC peer as the client
 * ({@link WebRtcCaller}: libwebrtc with its own factory, as another program): the offer answered
 * with 201, the avatar's video and sound received while the speech is sent, the data channel's
 * status lines; every wrong offer or photo refused with its code, and no session left behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WebRtcEndpointTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int IDLE_SECONDS = 3;

    @LocalServerPort
    int port;

    @Autowired
    WebRtcSessions sessions;

    @Autowired
    LiveSlots slots;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        ServiceEnvironment.register(properties, Map.of(
                "AVATAR_WARMUP_IMAGE", TestAssets.face("portrait_woman_256.png").toString(),
                "AVATAR_MAX_LIVE_SESSIONS", "2",
                "AVATAR_LIVE_IDLE_SECONDS", Integer.toString(IDLE_SECONDS)));
    }

    @Test
    void answersWithTheAvatarsVideoAndSoundWhileTheSpeechIsSent() throws Exception {
        byte[] speech = LiveSpeaker.speech("speech_en_8s_16k_stereo.wav");
        try (WebRtcCaller caller = new WebRtcCaller(true, true)) {
            HttpResponse<String> answer = post(caller.offer(), "avatarUrl=" + portrait() + "&width=256&height=256");
            assertEquals(201, answer.statusCode(), answer.body());
            assertEquals("application/sdp", answer.headers().firstValue("Content-Type").orElse(""));
            String location = answer.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith("/live/webrtc/"), location);
            String videoSection = answer.body().substring(answer.body().indexOf("m=video"));
            String firstPayload = videoSection.split("\r?\n")[0].split(" ")[3];
            assertTrue(videoSection.contains("a=rtpmap:" + firstPayload + " H264/90000"),
                    "H.264 is the answer's first video codec: " + videoSection.split("\r?\n")[0]);
            assertTrue(answer.body().contains("a=candidate:"), "the answer carries its ICE candidates");
            caller.answer(answer.body());

            long spoke = System.nanoTime();
            caller.speak(speech, 4.0);
            String ready = caller.awaitStatus("\"ready\"", 5);
            assertNotNull(ready, "a ready line on the data channel: " + caller.statuses);
            JsonNode readyLine = JSON.readTree(ready);
            assertEquals(256, readyLine.get("width").asInt());
            assertTrue(readyLine.get("audio").asBoolean(), ready);

            // Four seconds at 25 fps is 100 frames; a loaded machine may lose some, a frozen stream has none.
            assertTrue(caller.videoFrames.get() >= 50, "frames received: " + caller.videoFrames.get());
            assertEquals(256, caller.frameWidth);
            assertEquals(256, caller.frameHeight);
            assertTrue(caller.frameLuma > 40 && caller.frameLuma < 220, "a picture, not a blank: luma " + caller.frameLuma);
            double rms = Math.sqrt((double) caller.soundEnergy.get() / Math.max(1, caller.soundSamples.get()));
            assertTrue(caller.soundSamples.get() > 48_000 * 3, "sound received: " + caller.soundSamples.get() + " samples");
            // The speech comes back: the shared file's speech is far above the noise floor of silence (rms < 10).
            assertTrue(rms > 300, "the avatar's sound is the speech, rms " + rms);
            System.out.printf("webrtc: first frame %.0f ms after the speech began; %d frames, %d x %d, sound rms %.0f%n",
                    (caller.firstFrameNanos.get() - spoke) / 1e6, caller.videoFrames.get(), caller.frameWidth,
                    caller.frameHeight, rms);

            caller.send("{\"type\":\"end\"}");
            String done = caller.awaitStatus("\"done\"", 10);
            assertNotNull(done, "a done line after end: " + caller.statuses);
            assertTrue(JSON.readTree(done).get("frames").asInt() >= 90, done);
        }
        awaitNoSessions();
    }

    @Test
    void refusesWrongOffersAndPhotosWithTheirCodesAndKeepsNothing() throws Exception {
        assertError(post("this is not SDP", "avatarUrl=" + portrait()), 400, "INVALID_SDP");
        try (WebRtcCaller videoOnly = new WebRtcCaller(false, true)) {
            assertError(post(videoOnly.offer(), "avatarUrl=" + portrait()), 400, "NO_AUDIO_TRACK");
        }
        try (WebRtcCaller audioOnly = new WebRtcCaller(true, false)) {
            assertError(post(audioOnly.offer(), "avatarUrl=" + portrait()), 400, "INVALID_SDP");
        }
        try (WebRtcCaller caller = new WebRtcCaller(true, true)) {
            String offer = caller.offer();
            assertError(post(offer, "avatarUrl=" + TestAssets.face("cat_no_human_face.jpg")), 422, "NO_FACE_DETECTED");
            assertError(post(offer, "avatarUrl=/etc/hostname"), 400, "PATH_NOT_ALLOWED");
            assertError(post(offer, "avatarUrl=" + portrait() + "&colour=blue"), 400, "INVALID_REQUEST");
            assertError(post(offer, "avatarUrl=" + portrait() + "&fps=fast"), 400, "INVALID_REQUEST");
            assertError(post(offer, ""), 400, "INVALID_REQUEST");
            // A broken offer that looks like SDP reaches libwebrtc, which refuses it.
            assertError(post(offer.replace("a=fingerprint:", "a=fingerprint:broken"), "avatarUrl=" + portrait()),
                    400, "INVALID_SDP");
            HttpResponse<String> wrongType = HTTP.send(HttpRequest.newBuilder(url("/live/webrtc?avatarUrl=" + portrait()))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(offer)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertError(wrongType, 415, "UNSUPPORTED_MEDIA_TYPE");
        }
        assertEquals(0, sessions.size(), "no session left by a refused offer");
        assertEquals(0, slots.open(), "no live slot left taken");
    }

    @Test
    void countsAgainstTheLiveLimitAndEndsOnDelete() throws Exception {
        try (WebRtcCaller first = new WebRtcCaller(true, true);
             WebRtcCaller second = new WebRtcCaller(true, true);
             WebRtcCaller third = new WebRtcCaller(true, true)) {
            HttpResponse<String> one = post(first.offer(), "avatarUrl=" + portrait() + "&width=128&height=128");
            HttpResponse<String> two = post(second.offer(), "avatarUrl=" + portrait() + "&width=128&height=128");
            assertEquals(201, one.statusCode(), one.body());
            assertEquals(201, two.statusCode(), two.body());
            HttpResponse<String> over = post(third.offer(), "avatarUrl=" + portrait());
            assertError(over, 503, "BUSY");
            assertEquals("5", over.headers().firstValue("Retry-After").orElse(""));

            first.answer(one.body());
            String location = one.headers().firstValue("Location").orElseThrow();
            HttpResponse<String> deleted = delete(location);
            assertEquals(204, deleted.statusCode(), deleted.body());
            assertError(delete("/live/webrtc/" + UUID.randomUUID()), 404, "NOT_FOUND");
            // The second never connects: it ends by itself once the connection limit (the idle timeout) passes.
        }
        awaitNoSessions();
    }

    private void awaitNoSessions() throws InterruptedException {
        long deadline = System.nanoTime() + (IDLE_SECONDS + 10) * 1_000_000_000L;
        while ((sessions.size() > 0 || slots.open() > 0) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(0, sessions.size(), "WebRTC sessions still open");
        assertEquals(0, slots.open(), "live slots still taken");
    }

    private static String portrait() {
        return TestAssets.face("portrait_woman_256.png").toString();
    }

    private HttpResponse<String> post(String sdp, String query) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url("/live/webrtc?" + query))
                .header("Content-Type", "application/sdp")
                .POST(HttpRequest.BodyPublishers.ofString(sdp)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, JSON.readTree(response.body()).get("error").get("code").asString(), response.body());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
