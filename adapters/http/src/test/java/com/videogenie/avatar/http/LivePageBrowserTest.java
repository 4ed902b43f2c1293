package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.Mp4Probe;
import com.videogenie.avatar.TestAssets;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live page ({@code GET /}) in a real browser: headless Chromium, driven by
 * {@code src/test/browser/live-page.mjs} (Playwright), uploads the shared portrait through the page's
 * photo chooser and speaks the shared 60 s speech into a fake microphone. The video must play, and
 * screenshots of it taken while the speech goes on must show the mouth moving. The screenshots and
 * the driver's summary stay in {@code target/browser-artifacts/}. Needs {@code chromium}, {@code node}
 * and {@code npm} (README, "Requirements"); without them it fails, naming what to install. The same page's
 * studio tab is driven by {@code studio-page.mjs}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LivePageBrowserTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** 24 screenshots 250 ms apart: six seconds of speech. */
    private static final int SHOTS = 24;
    private static final long DRIVER_TIMEOUT_SECONDS = 300;
    /**
     * Mean absolute difference (per channel, 0-255) of the mouth box above which two screenshots
     * differ, and the least mean over all consecutive pairs. Measured: 14-17 while the speech plays;
     * about 3 with a silent microphone (the head moves, the mouth stays shut); 0 for a frozen video.
     */
    private static final double CHANGED = 1.0;
    private static final double MEAN_CHANGE = 8.0;
    /**
     * Lip gap over face height from the mesh fitted on the screenshots. Measured: from about 0.01 to
     * 0.04-0.065 while the speech plays; 0.005-0.009 with a silent microphone.
     */
    private static final double WIDEST_OPEN = 0.025;
    /** Sound and picture in file mode; the page moves the sound back when it is 80 ms off. */
    /** Below that of any speech frame, above the 0.005-0.009 of a closed mouth. */
    private static final double RESTING_OPEN = 0.015;
    private static final double OPEN_RANGE = 0.02;
    private static Path work;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry properties) throws Exception {
        work = ServiceEnvironment.register(properties, Map.of(
                "AVATAR_WARMUP_IMAGE", TestAssets.face("portrait_woman_256.png").toString()));
    }

    @Test
    void playsTheLiveVideoWithTheMouthMovingWhileTheMicrophoneSpeaks() throws Exception {
        Path module = TestAssets.repositoryRoot().resolve("adapters/http");
        Path artifacts = module.resolve("target/browser-artifacts");
        JsonNode summary = drive(module, artifacts);
        System.out.println("browser test artifacts (screenshots, summary.json, driver.log): " + artifacts);

        JsonNode shots = summary.get("screenshots");
        assertEquals(SHOTS, shots.size(), "screenshots taken");
        assertTrue(summary.get("statuses").valueStream().noneMatch(s -> "error".equals(s.get("type").asString())),
                () -> "error lines from the service: " + summary.get("statuses"));
        JsonNode done = summary.get("done");
        assertEquals(done.get("frames").asInt(), summary.get("fragments").asInt(), "one fragment per frame arrived");
        for (JsonNode shot : shots) {
            assertTrue(shot.get("error").isNull() && !shot.get("paused").asBoolean()
                    && shot.get("readyState").asInt() >= 2, () -> "video not playing at " + shot);
        }
        double played = shots.get(SHOTS - 1).get("currentTime").asDouble() - shots.get(0).get("currentTime").asDouble();
        double wall = shots.get(SHOTS - 1).get("at").asDouble() - shots.get(0).get("at").asDouble();
        System.out.printf("browser: playing %.1f s after the page opened; the video played %.2f s during %d"
                + " screenshots over %.2f s%n", summary.get("playingAfterMs").asDouble() / 1000, played, SHOTS, wall);
        // Six seconds of screenshots; a video that stalls or plays in slow motion falls short.
        assertTrue(played >= 3.0, "the video's clock advanced only " + played + " s");
        String latencyLine = summary.get("latencyLine").asString();
        System.out.println("browser: " + latencyLine);
        assertTrue(latencyLine.matches("Latency: first video \\d+ ms after the first audio; per frame p50 [0-9.]+ ms,"
                + " p95 [0-9.]+ ms; on screen \\d+ ms behind; sound in the stream"), "the page shows its measured latency"
                + " and that the stream has sound: " + latencyLine);

        // File mode: the stream carries the file's sound and the page plays it from there, unmuted.
        JsonNode file = summary.get("fileMode");
        JsonNode sound = file.get("sound");
        System.out.printf("browser, file mode: video played %.2f s; sound %s; %s%n",
                file.get("played").asDouble(), sound, file.get("latencyLine").asString());
        assertTrue(file.get("statuses").valueStream().noneMatch(s -> "error".equals(s.get("type").asString())),
                () -> "error lines in file mode: " + file.get("statuses"));
        assertTrue(file.get("played").asDouble() >= 3.0, "the file's video played " + file.get("played") + " s");
        assertFalse(sound.get("muted").asBoolean(), "file mode plays the stream's sound");
        assertTrue(sound.get("audioBytes").asLong() > 10_000, "the browser decoded the stream's sound: " + sound);

        try (ScreenshotMouth mouth = new ScreenshotMouth(work.resolve("cache"))) {
            ScreenshotMouth.Measure measure = mouth.measure(artifacts, shots);
            int[] box = measure.box();
            double[] change = measure.change();
            double[] opening = measure.opening();
            double meanChange = Arrays.stream(change).average().orElseThrow();
            long changed = Arrays.stream(change).filter(d -> d > CHANGED).count();
            double widest = Arrays.stream(opening).max().orElseThrow();
            double openRange = widest - Arrays.stream(opening).min().orElseThrow();
            System.out.printf("browser: mouth box x %d-%d, y %d-%d; mean absolute difference between consecutive"
                            + " screenshots %.2f of 255 (min %.2f, max %.2f), %d of %d pairs above %.1f; mouth"
                            + " opening %.3f-%.3f of face height%n", box[0], box[2], box[1], box[3], meanChange,
                    Arrays.stream(change).min().orElseThrow(), Arrays.stream(change).max().orElseThrow(), changed,
                    change.length, CHANGED, widest - openRange, widest);
            // Lossless captures: a frozen video gives 0, head motion alone too little.
            assertTrue(meanChange > MEAN_CHANGE, "the mouth region hardly changes: " + Arrays.toString(change));
            assertTrue(changed >= change.length * 3 / 4, "the mouth region stood still between too many"
                    + " screenshots: " + Arrays.toString(change));
            // Measured on the screenshots by the face mesh: the lips part and close as the speech goes on.
            assertTrue(widest > WIDEST_OPEN && openRange > OPEN_RANGE, "the mouth never opens clearly, or"
                    + " stays as it is: " + Arrays.toString(opening));
            // Stop lets the server draw the face at rest before the session ends: no last word held open.
            double last = mouth.opening(artifacts.resolve("last-frame.png"));
            System.out.printf("browser: mouth opening on the last frame after Stop %.3f%n", last);
            assertTrue(last < RESTING_OPEN, "the video ends on an open mouth: " + last);
        }
    }

    /**
     * The studio (the page's first tab) used as a person would, in a phone-sized window: the shared
     * portrait and 60 s speech chosen, 256 x 256, Render pressed from the keyboard; the progress bar
     * must rise to its end, the video play in the page, and the MP4 behind its download link be
     * H.264 + AAC as long as the speech. The screenshot stays in {@code target/browser-artifacts-studio/}.
     */
    @Test
    void theStudioMakesAVideoFromAnUploadedPhotoAndSpeech() throws Exception {
        Path module = TestAssets.repositoryRoot().resolve("adapters/http");
        Path artifacts = module.resolve("target/browser-artifacts-studio");
        Path driver = BrowserDriver.install(module);
        BrowserDriver.deleteTree(artifacts);
        Files.createDirectories(artifacts);
        BrowserDriver.run(driver, artifacts.resolve("driver.log"), DRIVER_TIMEOUT_SECONDS,
                BrowserDriver.executable("node", "nodejs").toString(), "studio-page.mjs",
                "--url", "http://127.0.0.1:" + port + "/",
                "--photo", TestAssets.face("portrait_woman_474.png").toString(),
                "--wav", TestAssets.audio("speech_en_60s_16k_mono.wav").toString(),
                "--out", artifacts.toString(),
                "--chromium", BrowserDriver.executable(System.getenv().getOrDefault("CHROMIUM", "chromium"), "chromium").toString());
        JsonNode summary = JSON.readTree(Files.readString(artifacts.resolve("studio-summary.json")));
        System.out.println("browser, studio: " + summary.get("photoStatus").asString() + " | progress "
                + summary.get("progress") + " | " + summary.get("state").asString() + " | screenshot "
                + artifacts.resolve("studio.png"));
        assertTrue(summary.get("photoStatus").asString().startsWith("Face found"), summary.get("photoStatus").asString());
        double[] progress = summary.get("progress").valueStream().mapToDouble(JsonNode::asDouble).toArray();
        for (int i = 1; i < progress.length; i++) {
            assertTrue(progress[i] >= progress[i - 1], "the progress bar never goes back: " + Arrays.toString(progress));
        }
        assertEquals(1.0, progress[progress.length - 1], "the progress bar reaches its end");
        assertTrue(Arrays.stream(progress).anyMatch(p -> p > 0 && p < 1), "it showed the render under way: "
                + Arrays.toString(progress));
        assertTrue(summary.get("pageErrors").isEmpty() && summary.get("console").isEmpty(),
                "no script errors: " + summary.get("pageErrors") + summary.get("console"));
        JsonNode video = summary.get("video");
        assertEquals(256, video.get("width").asInt(), video.toString());
        assertEquals(60.0, video.get("duration").asDouble(), 0.2, "the page plays the whole video");
        assertTrue(summary.get("download").get("download").asString().endsWith(".mp4"));
        Mp4Probe probe = Mp4Probe.of(artifacts.resolve("studio-download.mp4"));
        assertEquals("h264", probe.videoCodec());
        assertEquals("aac", probe.audioCodec());
        assertEquals(60.0, probe.durationSeconds(), 0.2, "the download is as long as the speech");
        assertTrue(Files.size(artifacts.resolve("studio.png")) > 10_000, "a screenshot was kept");
    }

    /** Installs the driver's dependencies if needed, runs it against this server, returns its summary. */
    private JsonNode drive(Path module, Path artifacts) throws Exception {
        Path driver = BrowserDriver.install(module);
        Path chromium = BrowserDriver.executable(System.getenv().getOrDefault("CHROMIUM", "chromium"), "chromium");
        Path node = BrowserDriver.executable("node", "nodejs");
        BrowserDriver.deleteTree(artifacts);
        Files.createDirectories(artifacts);
        BrowserDriver.run(driver, artifacts.resolve("driver.log"), DRIVER_TIMEOUT_SECONDS, node.toString(), "live-page.mjs",
                "--url", "http://127.0.0.1:" + port + "/#live",
                "--photo", TestAssets.face("portrait_woman_474.png").toString(),
                "--wav", TestAssets.audio("speech_en_60s_16k_mono.wav").toString(),
                "--out", artifacts.toString(),
                "--chromium", chromium.toString(),
                "--shots", Integer.toString(SHOTS), "--interval-ms", "250");
        return JSON.readTree(Files.readString(artifacts.resolve("summary.json")));
    }

}
