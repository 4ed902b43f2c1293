package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.input.HostResolver;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Callbacks connect to the address their check approved. The receiver listens on 127.0.0.1 under the
 * name {@code hooks.example}, which a scripted DNS resolves.
 */
class WebhookAddressTest {
    private static final byte[] EVENT = "{\"specversion\":\"1.0\"}".getBytes(StandardCharsets.UTF_8);

    private static WebhookSettings settings(Set<String> allowedHosts) {
        return new WebhookSettings("secret".getBytes(StandardCharsets.UTF_8), 1, Duration.ZERO,
                Duration.ofMillis(700), allowedHosts);
    }

    private static URI hook(CallbackServer receiver) {
        return URI.create("http://hooks.example:" + receiver.url().getPort() + "/hook");
    }

    @Test
    void aRebindingDnsAnswerIsNeverContacted() throws Exception {
        AtomicInteger questions = new AtomicInteger();
        // Public to the first question, loopback (where the receiver listens) to every later one.
        HostResolver rebinding = host -> new InetAddress[] {
                InetAddress.getByName(questions.getAndIncrement() == 0 ? "203.0.113.10" : "127.0.0.1")};
        try (CallbackServer receiver = new CallbackServer()) {
            Webhooks webhooks = new Webhooks(settings(Set.of()), Clock.systemUTC(), rebinding);
            webhooks.send(hook(receiver), EVENT, null);
            webhooks.close();
            assertEquals(0, receiver.count(), "the loopback answer was contacted");
            assertEquals(1, questions.get(), "the name was resolved more than once for one attempt");
        }
    }

    @Test
    void postsToTheResolvedAddressUnderTheOriginalHostWhenTrusted() throws Exception {
        HostResolver dns = host -> {
            if (!host.equals("hooks.example")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        };
        try (CallbackServer receiver = new CallbackServer()) {
            Webhooks refused = new Webhooks(settings(Set.of()), Clock.systemUTC(), dns);
            refused.send(hook(receiver), EVENT, null);
            refused.close();
            assertEquals(0, receiver.count(), "an internal answer for an untrusted name was contacted");

            Webhooks trusted = new Webhooks(settings(Set.of("hooks.example")), Clock.systemUTC(), dns);
            trusted.send(hook(receiver), EVENT, null);
            trusted.close();
            CallbackServer.Received call = receiver.next(Duration.ofSeconds(5));
            assertEquals("hooks.example:" + receiver.url().getPort(), call.header("Host"));
            assertTrue(call.header(Webhooks.SIGNATURE).startsWith("sha256="));
            assertEquals(new String(EVENT, StandardCharsets.UTF_8), new String(call.body(), StandardCharsets.UTF_8));
        }
    }
}
