package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.videogenie.avatar.TestAssets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ten live clients at the same moment with the limit raised to ten: on the 2-core machine all ten are
 * served at full frame rate, and the service goes on as before. They come right after start-up, as
 * after a scale from zero: the service's warm-up streams a live session, without which ten at once
 * ran up to about 300 ms p95 for their first seconds while the live path was being compiled.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class LiveConcurrencyAtTenTest {
    @LocalServerPort
    int port;

    @Autowired
    LiveSocketHandler handler;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        ServiceEnvironment.register(properties, Map.of("AVATAR_MAX_LIVE_SESSIONS", "10",
                "AVATAR_WARMUP_IMAGE", TestAssets.face("portrait_woman_474.png").toString(),
                "AVATAR_WARMUP_AUDIO", TestAssets.audio(LiveCrowd.SPEECH).toString()));
    }

    @Test
    void servesTenAtFullFrameRateWhenTheLimitIsTen() throws Exception {
        byte[] pcm = LiveSpeaker.speech(LiveCrowd.SPEECH);
        LiveCrowd.Outcome outcome = LiveCrowd.speakAtOnce(port, 10, pcm);
        LiveCrowd.report(outcome, "live, 10 clients, limit 10");
        assertEquals(10, outcome.served().size(), "sessions served");
        LiveCrowd.assertFullFrameRate(outcome, pcm.length);
        LiveCrowd.assertStillServes(port, handler);
    }
}
