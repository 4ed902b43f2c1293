package com.videogenie.avatar.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    private static final String NAME = "test_model";
    private static final String FILE = NAME + ".onnx";
    private static final byte[] MODEL = TestModels.bytes(300_000, 1);

    @TempDir
    Path temp;

    private TestModelServer server;
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final Map<String, String> environment = new HashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        server = new TestModelServer();
        environment.put("AVATAR_CACHE_DIR", temp.resolve("cache").toString());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void prefersModelsDirOverMirrorAndCache() throws IOException {
        Path pinned = place(temp.resolve("pinned"), MODEL);
        place(mirrorModels(), MODEL);
        place(cache(), MODEL);
        environment.put("AVATAR_MODELS_DIR", temp.resolve("pinned").toString());
        environment.put("AVATAR_MIRROR", temp.resolve("mirror").toString());

        assertEquals(pinned, registry(served()).resolve(NAME));
    }

    @Test
    void prefersMirrorOverCache() throws IOException {
        Path mirrored = place(mirrorModels(), MODEL);
        place(cache(), MODEL);
        environment.put("AVATAR_MIRROR", temp.resolve("mirror").toString());

        assertEquals(mirrored, registry(served()).resolve(NAME));
    }

    @Test
    void fallsThroughAMirrorWithoutTheFileToTheCache() throws IOException {
        Files.createDirectories(mirrorModels());
        Path cached = place(cache(), MODEL);
        environment.put("AVATAR_MIRROR", temp.resolve("mirror").toString());

        assertEquals(cached, registry(served()).resolve(NAME));
        assertEquals(0, server.requests("/model"));
    }

    @Test
    void rejectsWrongChecksumInModelsDirEvenWhenTheMirrorIsRight() throws IOException {
        byte[] wrong = TestModels.bytes(MODEL.length, 2);
        Path pinned = place(temp.resolve("pinned"), wrong);
        place(mirrorModels(), MODEL);
        environment.put("AVATAR_MODELS_DIR", temp.resolve("pinned").toString());
        environment.put("AVATAR_MIRROR", temp.resolve("mirror").toString());

        AvatarException e = assertThrows(AvatarException.class, () -> registry(served()).resolve(NAME));

        assertEquals(ErrorCode.MODEL_CHECKSUM_MISMATCH, e.code());
        assertContains(e.getMessage(), pinned.toString(), TestModels.sha256(MODEL), TestModels.sha256(wrong));
    }

    @Test
    void rejectsMissingFileInModelsDirWithoutFallingBack() throws IOException {
        Files.createDirectories(temp.resolve("pinned"));
        place(mirrorModels(), MODEL);
        environment.put("AVATAR_MODELS_DIR", temp.resolve("pinned").toString());
        environment.put("AVATAR_MIRROR", temp.resolve("mirror").toString());

        AvatarException e = assertThrows(AvatarException.class, () -> registry(served()).resolve(NAME));

        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertContains(e.getMessage(), temp.resolve("pinned").resolve(FILE).toString(), "AVATAR_MODELS_DIR");
        assertEquals(0, server.requests("/model"));
    }

    @Test
    void rejectsWrongChecksumInMirrorEvenWhenTheCacheIsRight() throws IOException {
        byte[] wrong = TestModels.bytes(17, 3);
        Path mirrored = place(mirrorModels(), wrong);
        place(cache(), MODEL);
        environment.put("AVATAR_MIRROR", temp.resolve("mirror").toString());

        AvatarException e = assertThrows(AvatarException.class, () -> registry(served()).resolve(NAME));

        assertEquals(ErrorCode.MODEL_CHECKSUM_MISMATCH, e.code());
        assertContains(e.getMessage(), mirrored.toString(), TestModels.sha256(MODEL), TestModels.sha256(wrong));
    }

    @Test
    void downloadsIntoTheCacheAndShowsProgress() throws IOException {
        Path resolved = registry(served()).resolve(NAME);

        assertEquals(cache().resolve(FILE), resolved);
        assertArrayEquals(MODEL, Files.readAllBytes(resolved));
        assertContains(progressText(), NAME, "100%", "0.3/0.3 MB");
        assertEquals(List.of(resolved), filesIn(cache()));
    }

    @Test
    void printsOnlyAFinalLineWhenTheServerSendsNoLength() throws IOException {
        ModelSpec spec = TestModels.spec(NAME, server.serveChunked("/chunked", MODEL), MODEL);

        Path resolved = registry(spec).resolve(NAME);

        assertArrayEquals(MODEL, Files.readAllBytes(resolved));
        assertFalse(progressText().contains("%"), progressText());
        assertContains(progressText(), NAME + " 0.3 MB");
    }

    @Test
    void discardsADownloadWithTheWrongChecksum() throws IOException {
        URI url = server.serve("/tampered", TestModels.bytes(MODEL.length, 4));
        ModelSpec spec = TestModels.spec(NAME, url, MODEL);

        AvatarException e = assertThrows(AvatarException.class, () -> registry(spec).resolve(NAME));

        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertContains(e.getMessage(), url.toString(), TestModels.sha256(MODEL), "AVATAR_MODELS_DIR", "AVATAR_MIRROR");
        assertEquals(List.of(), filesIn(cache()));
    }

    @Test
    void reportsAnHttpErrorWithTheUrlAndLeavesNothingBehind() throws IOException {
        URI url = server.url("/no-such-model");

        AvatarException e = assertThrows(AvatarException.class,
                () -> registry(TestModels.spec(NAME, url, MODEL)).resolve(NAME));

        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertContains(e.getMessage(), url.toString(), "404", "AVATAR_MODELS_DIR");
        assertEquals(List.of(), filesIn(cache()));
    }

    @Test
    void reportsAnUnreachableHostWithTheUrlAndLeavesNothingBehind() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/model");

        AvatarException e = assertThrows(AvatarException.class,
                () -> registry(TestModels.spec(NAME, url, MODEL)).resolve(NAME));

        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertContains(e.getMessage(), url.toString(), "AVATAR_MIRROR");
        assertEquals(List.of(), filesIn(cache()));
    }

    @Test
    @Timeout(20)
    void givesUpOnADownloadThatStalls() throws IOException {
        URI url = server.stall("/stall", MODEL, 1000);
        ModelRegistry registry = new ModelRegistry(TestModels.manifest(TestModels.spec(NAME, url, MODEL)),
                environment, new PrintStream(progress, true), Duration.ofSeconds(2), Duration.ofMillis(300), true);

        AvatarException e = assertThrows(AvatarException.class, () -> registry.resolve(NAME));

        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertContains(e.getMessage(), url.toString(), "no data arrived");
        assertEquals(List.of(), filesIn(cache()));
    }

    @Test
    void followsRedirects() throws IOException {
        URI target = server.serve("/real", MODEL);
        ModelSpec spec = TestModels.spec(NAME, server.redirect("/moved", target), MODEL);

        Path resolved = registry(spec).resolve(NAME);

        assertArrayEquals(MODEL, Files.readAllBytes(resolved));
        assertEquals(1, server.requests("/moved"));
        assertEquals(1, server.requests("/real"));
    }

    @Test
    void downloadsADamagedCachedFileAgain() throws IOException {
        place(cache(), TestModels.bytes(MODEL.length, 5));

        Path resolved = registry(served()).resolve(NAME);

        assertArrayEquals(MODEL, Files.readAllBytes(resolved));
        assertEquals(1, server.requests("/model"));
        assertContains(progressText(), "damaged");
    }

    @Test
    void refusesPlainHttpOutsideTests() {
        ModelRegistry registry = new ModelRegistry(TestModels.manifest(served()), environment,
                new PrintStream(progress, true));

        AvatarException e = assertThrows(AvatarException.class, () -> registry.resolve(NAME));

        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertContains(e.getMessage(), "https", server.url("/model").toString());
        assertEquals(0, server.requests("/model"));
    }

    @Test
    void downloadsOnceWhenManyThreadsResolveAtOnce() throws Exception {
        ModelRegistry registry = registry(served());
        List<Callable<Path>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(() -> registry.resolve(NAME));
        }
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (Future<Path> result : threads.invokeAll(calls)) {
                assertEquals(cache().resolve(FILE), result.get());
            }
        } finally {
            threads.shutdownNow();
        }
        registry.resolve(NAME);

        assertEquals(1, server.requests("/model"));
    }

    @Test
    void verifiesAFileOncePerRegistry() throws IOException {
        Path cached = place(cache(), MODEL);
        ModelRegistry registry = registry(served());
        registry.resolve(NAME);
        Files.write(cached, TestModels.bytes(MODEL.length, 6));

        assertEquals(cached, registry.resolve(NAME));
        assertEquals(0, server.requests("/model"));
    }

    @Test
    void verifyAllResolvesEveryModelInTheManifest() throws IOException {
        byte[] other = TestModels.bytes(1234, 7);
        ModelSpec first = served();
        ModelSpec second = TestModels.spec("other_model", server.serve("/other", other), other);
        place(cache(), MODEL);

        Map<String, Path> paths = registry(first, second).verifyAll();

        assertEquals(Map.of(NAME, cache().resolve(FILE), "other_model", cache().resolve("other_model.onnx")), paths);
        assertArrayEquals(other, Files.readAllBytes(paths.get("other_model")));
    }

    @Test
    void rejectsAModelTheManifestDoesNotName() {
        AvatarException e = assertThrows(AvatarException.class, () -> registry(served()).resolve("lip_syncer"));

        assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        assertContains(e.getMessage(), "lip_syncer", NAME);
    }

    @Test
    void cachesUnderXdgCacheHomeWhenNoCacheDirIsSet() {
        environment.remove("AVATAR_CACHE_DIR");
        environment.put("XDG_CACHE_HOME", temp.resolve("xdg").toString());

        Path resolved = registry(served()).resolve(NAME);

        assertEquals(temp.resolve("xdg/avatar-renderer/models").resolve(FILE), resolved);
    }

    @Test
    void cachesUnderHomeDotCacheByDefault() {
        environment.remove("AVATAR_CACHE_DIR");
        environment.put("XDG_CACHE_HOME", "relative/is/ignored");
        environment.put("HOME", temp.resolve("home").toString());

        Path resolved = registry(served()).resolve(NAME);

        assertEquals(temp.resolve("home/.cache/avatar-renderer/models").resolve(FILE), resolved);
    }

    private ModelSpec served() {
        return TestModels.spec(NAME, server.serve("/model", MODEL), MODEL);
    }

    private ModelRegistry registry(ModelSpec... specs) {
        return new ModelRegistry(TestModels.manifest(specs), environment, new PrintStream(progress, true),
                Duration.ofSeconds(2), Duration.ofSeconds(5), true);
    }

    private Path cache() {
        return temp.resolve("cache/models");
    }

    private Path mirrorModels() {
        return temp.resolve("mirror/models");
    }

    private static Path place(Path folder, byte[] bytes) throws IOException {
        Files.createDirectories(folder);
        return Files.write(folder.resolve(FILE), bytes);
    }

    private static List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    private String progressText() {
        return progress.toString(StandardCharsets.UTF_8);
    }

    private static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected '" + part + "' in: " + text);
        }
    }
}
