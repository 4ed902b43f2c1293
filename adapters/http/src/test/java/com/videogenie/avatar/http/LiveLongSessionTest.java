package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One live session of ten minutes, the longest allowed by default (15000 frames at 512x512@25): the
 * 60 s speech looped, sent as fast as it is drawn with at most 20 frames of sound ahead of the video
 * received, so the server's queue of 50 fragments never fills. Memory is sampled at each minute of
 * audio and must stay flat. Heap and RSS are this JVM's: the service and the client together.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class LiveLongSessionTest {
    private static final int MINUTES = 10;
    /** Measured: 0.1-0.2 MB from minute 1 to 10. A kept kilobyte per frame failed it (13.6 MB, tried). */
    private static final long HEAP_GROWTH_LIMIT = 8 * MinuteMemory.MB;
    /**
     * Measured: -26 to +11 MB (the JVM and malloc settling; lower when an earlier test class's memory
     * is still being given back at minute 1). A kept 512x512 RGB frame per frame would be 10 GB; 64 KB
     * of native memory per frame failed it with 847 MB (tried).
     */
    private static final long RSS_GROWTH_LIMIT = 64 * MinuteMemory.MB;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        ServiceEnvironment.register(properties, Map.of());
    }

    @Test
    void keepsMemoryFlatOverATenMinuteSession() throws Exception {
        byte[] pcm = LiveSpeaker.speech("speech_en_60s_16k_mono.wav", MINUTES * 60);
        LiveSpeaker speaker = LiveSpeaker.open(port, LiveSpeaker.portraitStart());
        MinuteMemory memory = new MinuteMemory(speaker, MINUTES, "live long session");
        long started = System.nanoTime();
        LiveSpeaker.Result result = speaker.speak(pcm, LiveSpeaker.Pace.flowControlled(20), false, memory);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("live long session: %d frames in %.0f s (%.0f fps); growth after minute 1: heap %.1f MB,"
                        + " RSS %.1f MB%n", result.fragments(), seconds, result.fragments() / seconds,
                memory.heapGrowth() / (double) MinuteMemory.MB, memory.residentGrowth() / (double) MinuteMemory.MB);

        int frames = MINUTES * 60 * LiveSpeaker.FPS;
        assertTrue(result.errors().isEmpty(), () -> "error lines: " + result.errors());
        assertNotNull(result.done(), "done line");
        assertEquals(frames, result.done().get("frames").asInt(), "frames in done");
        assertEquals(frames, result.fragments(), "one fragment per frame of audio");
        assertEquals(1000, result.closeCode(), "normal close after done");
        assertTrue(memory.heapGrowth() < HEAP_GROWTH_LIMIT, () -> "heap after GC grew "
                + memory.heapGrowth() / MinuteMemory.MB + " MB after minute 1");
        assertTrue(memory.residentGrowth() < RSS_GROWTH_LIMIT, () -> "RSS grew "
                + memory.residentGrowth() / MinuteMemory.MB + " MB after minute 1");
    }
}
