package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Ten live clients at the same moment against the documented default limit
 * ({@code AVATAR_MAX_LIVE_SESSIONS} = 4): four are served at full frame rate, six are refused at the
 * handshake, and the service goes on as before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class LiveConcurrencyTest {
    @LocalServerPort
    int port;

    @Autowired
    LiveSocketHandler handler;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        ServiceEnvironment.register(properties, Map.of());
    }

    @Test
    void servesFourOfTenAtFullFrameRateAndRefusesTheRestWith503() throws Exception {
        byte[] pcm = LiveSpeaker.speech(LiveCrowd.SPEECH);
        LiveCrowd.Outcome outcome = LiveCrowd.speakAtOnce(port, 10, pcm);
        LiveCrowd.report(outcome, "live, 10 clients, limit 4");
        assertEquals(4, outcome.served().size(), "sessions served");
        assertEquals(6, outcome.refused().size(), "sessions refused");
        outcome.refused().forEach(LiveCrowd::assertRefusedCleanly);
        LiveCrowd.assertFullFrameRate(outcome, pcm.length);
        LiveCrowd.assertStillServes(port, handler);
    }
}
