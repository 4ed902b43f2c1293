package com.videogenie.avatar.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** A DNS server that gives a public address first and loopback to every later question. */
    private static final class RebindingResolver implements HostResolver {
        final AtomicInteger questions = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            String answer = questions.getAndIncrement() == 0 ? "203.0.113.10" : "127.0.0.1";
            return new InetAddress[] {InetAddress.getByName(answer)};
        }
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
    void aRebindingDnsAnswerIsNeverUsed() {
        // The name passes the check with its public answer; the connection must go there (nothing
        // listens on the documentation address 203.0.113.10), not ask again and reach this server.
        RebindingResolver dns = new RebindingResolver();
        FetchSettings quick = new FetchSettings(GUARDED.maxBytes(), Duration.ofMillis(500), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 5, Set.of());
        URI url = URI.create("http://media.example:" + server.port() + "/speech.wav");
        Path target = dir.resolve("rebound");
        assertCode(ErrorCode.INPUT_NOT_FOUND, () -> new HttpFetcher(quick, dns).fetch(url, target, "audioUrl"));
        assertEquals(0, server.requests(), "the second, loopback answer was contacted");
        assertEquals(1, dns.questions.get(), "the name was resolved more than once");
    }

    @Test
    void connectsToTheAddressItResolvedWithTheOriginalHost() throws Exception {
        List<String> hosts = new CopyOnWriteArrayList<>();
        server.on("/named.wav", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            TestWebServer.send(exchange, 200, BODY);
        });
        HostResolver dns = host -> {
            if (!host.equals("media.example")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        };
        URI url = URI.create("http://media.example:" + server.port() + "/named.wav");
        Path target = dir.resolve("named");
        // Refused while the name is not trusted: its only address is loopback.
        assertCode(ErrorCode.PATH_NOT_ALLOWED, () -> new HttpFetcher(GUARDED, dns).fetch(url, target, "audioUrl"));
        assertEquals(0, server.requests());
        new HttpFetcher(GUARDED.allowingHosts("media.example"), dns).fetch(url, target, "audioUrl");
        assertArrayEquals(BODY, Files.readAllBytes(target));
        assertEquals(List.of("media.example:" + server.port()), hosts);
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
    void givesUpOnAnEndlessBodyAtOnceInsteadOfReadingItToTheEnd() {
        for (int status : new int[] {200, 404}) {
            server.on("/endless" + status, exchange -> {
                exchange.sendResponseHeaders(status, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    while (true) {
                        out.write(BODY);
                    }
                } catch (java.io.IOException clientGaveUp) {
                    // Expected: the fetcher drops the connection.
                }
            });
        }
        long start = System.nanoTime();
        assertCode(ErrorCode.INPUT_TOO_LARGE, () -> fetch(LOOPBACK_ALLOWED.withMaxBytes(1 << 20),
                server.url("/endless200")));
        assertCode(ErrorCode.INPUT_NOT_FOUND, () -> fetch(LOOPBACK_ALLOWED, server.url("/endless404")));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "an endless body was read on after the answer was known");
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
