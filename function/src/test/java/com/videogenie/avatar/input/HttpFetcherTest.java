package com.videogenie.avatar.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a real server on 127.0.0.1, with the guard lifted only where a test says so. */
class HttpFetcherTest {
    private static final byte[] BODY = new byte[300_000];
    private static final FetchSettings GUARDED = FetchSettings.defaults();
    private static final FetchSettings LOOPBACK_ALLOWED = FetchSettings.defaults().allowingHosts("127.0.0.1");

    static {
        new Random(7).nextBytes(BODY);
    }

    @TempDir
    Path dir;
    private TestWebServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestWebServer().serve("/speech.wav", BODY);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path fetch(FetchSettings settings, URI url) {
        Path target = dir.resolve("download-" + System.nanoTime());
        new HttpFetcher(settings).fetch(url, target, "audioUrl");
        return target;
    }

    private static void assertCode(ErrorCode expected, Executable action) {
        AvatarException e = assertThrows(AvatarException.class, action);
        assertEquals(expected, e.code(), e.getMessage());
    }

    @Test
    void downloadsFromAnAllowListedHost() throws Exception {
        assertArrayEquals(BODY, Files.readAllBytes(fetch(LOOPBACK_ALLOWED, server.url("/speech.wav"))));
    }

    @Test
    void refusesLoopbackByDefaultWithoutConnecting() {
        assertCode(ErrorCode.PATH_NOT_ALLOWED, () -> fetch(GUARDED, server.url("/speech.wav")));
        assertCode(ErrorCode.PATH_NOT_ALLOWED, () -> fetch(GUARDED,
                URI.create("http://localhost:" + server.port() + "/speech.wav")));
        assertEquals(0, server.requests());
    }

    @Test
    void refusesTheCloudMetadataAddressAndPrivateNetworks() {
        assertCode(ErrorCode.PATH_NOT_ALLOWED, () -> fetch(GUARDED, URI.create("http://169.254.169.254/latest/meta-data/")));
        assertCode(ErrorCode.PATH_NOT_ALLOWED, () -> fetch(GUARDED, URI.create("http://10.0.0.1/a.wav")));
        assertCode(ErrorCode.PATH_NOT_ALLOWED, () -> fetch(GUARDED, URI.create("http://[::1]/a.wav")));
    }

    @Test
    void checksEveryRedirectAgain() {
        // "localhost" is trusted, 127.0.0.1 is not: the redirect must be refused even though both reach this server.
        server.on("/hop", exchange -> {
            exchange.getResponseHeaders().add("Location", server.url("/speech.wav").toString());
            TestWebServer.send(exchange, 302, new byte[0]);
        });
        FetchSettings trustsName = FetchSettings.defaults().allowingHosts("localhost");
        assertCode(ErrorCode.PATH_NOT_ALLOWED, () -> fetch(trustsName,
                URI.create("http://localhost:" + server.port() + "/hop")));
        assertEquals(1, server.requests());
    }

    @Test
    void followsRedirectsThatPassTheGuard() throws Exception {
        server.on("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/speech.wav");
            TestWebServer.send(exchange, 301, new byte[0]);
        });
        assertArrayEquals(BODY, Files.readAllBytes(fetch(LOOPBACK_ALLOWED, server.url("/moved"))));
    }

    @Test
    void stopsAfterTooManyRedirects() {
        server.on("/loop", exchange -> {
            exchange.getResponseHeaders().add("Location", "/loop");
            TestWebServer.send(exchange, 302, new byte[0]);
        });
        assertCode(ErrorCode.INPUT_NOT_FOUND, () -> fetch(LOOPBACK_ALLOWED, server.url("/loop")));
        assertEquals(LOOPBACK_ALLOWED.maxRedirects() + 1, server.requests());
    }

    @Test
    void refusesFilesOverTheSizeCapWithOrWithoutALength() {
        FetchSettings small = LOOPBACK_ALLOWED.withMaxBytes(100_000);
        assertCode(ErrorCode.INPUT_TOO_LARGE, () -> fetch(small, server.url("/speech.wav")));
        server.on("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(BODY);
            } catch (java.io.IOException clientGaveUp) {
                // Expected: the fetcher closes the connection once the cap is passed.
            }
        });
        assertCode(ErrorCode.INPUT_TOO_LARGE, () -> fetch(small, server.url("/chunked")));
    }

    @Test
    void reportsMissingFilesAndSlowServers() {
        server.on("/missing", exchange -> TestWebServer.send(exchange, 404, new byte[0]));
        assertCode(ErrorCode.INPUT_NOT_FOUND, () -> fetch(LOOPBACK_ALLOWED, server.url("/missing")));
        server.on("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            TestWebServer.send(exchange, 200, BODY);
        });
        long start = System.nanoTime();
        assertCode(ErrorCode.INPUT_NOT_FOUND, () -> fetch(LOOPBACK_ALLOWED.withReadTimeout(Duration.ofMillis(300)),
                server.url("/slow")));
        assertTrue(System.nanoTime() - start < 1_800_000_000L, "the read timeout did not apply");
    }

    @Test
    void refusesOtherSchemes() {
        assertCode(ErrorCode.UNSUPPORTED_INPUT, () -> fetch(LOOPBACK_ALLOWED, URI.create("ftp://127.0.0.1/a.wav")));
    }
}
