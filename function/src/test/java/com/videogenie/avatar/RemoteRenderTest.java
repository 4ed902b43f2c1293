package com.videogenie.avatar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.input.FetchSettings;
import com.videogenie.avatar.input.TestWebServer;
import com.videogenie.avatar.media.FileAccess;
import com.videogenie.avatar.storage.TestS3Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders with inputs and outputs in real object storage (s3proxy on loopback) and on a real web
 * server on 127.0.0.1, as a service configured with a restricted file policy would.
 */
class RemoteRenderTest {
    @TempDir
    static Path work;
    private static TestS3Server s3;
    private static TestWebServer web;
    private static RenderAvatar render;
    private static RenderAvatar guarded;
    private static RenderAvatar storing;
    private static Path workDir;

    @BeforeAll
    static void start() throws Exception {
        s3 = new TestS3Server();
        s3.createBucket("inputs");
        s3.createBucket("renders");
        s3.createBucket("results");
        s3.put("inputs", "faces/portrait.png", Files.readAllBytes(TestAssets.face("portrait_woman_474.png")));
        s3.put("inputs", "faces/cat.jpg", Files.readAllBytes(TestAssets.face("cat_no_human_face.jpg")));
        web = new TestWebServer().serve("/speech.wav", Files.readAllBytes(TestAssets.audio("speech_en_8s_16k_stereo.wav")));
        workDir = Files.createDirectories(work.resolve("jobs"));
        StorageSettings storage = new StorageSettings(FetchSettings.defaults().allowingHosts("127.0.0.1"),
                s3.settings(), workDir, false);
        RenderSettings settings = RenderSettings.defaults().withMaxAudioSeconds(20)
                .withFiles(FileAccess.forService("", work.resolve("out").toString()))
                .withStorage(storage);
        render = RenderAvatar.create(settings, TestAssets.models(work.resolve("cache")));
        guarded = RenderAvatar.create(settings.withStorage(storage.withHttp(FetchSettings.defaults())),
                TestAssets.models(work.resolve("cache")));
        storing = RenderAvatar.create(settings.withStorage(storage.withStoredResults(true)),
                TestAssets.models(work.resolve("cache")));
    }

    @AfterAll
    static void stop() throws Exception {
        render.close();
        guarded.close();
        storing.close();
        web.close();
        s3.close();
    }

    private static RenderRequest request(String avatar, String audio, String output, String jobId) {
        return new RenderRequest(avatar, audio, null, output, 256, 256, 25, 3L, jobId, null);
    }

    /** No job folder, or journal entry of an output in flight, is left in this process's run folder. */
    private static void assertWorkDirEmpty() throws Exception {
        try (Stream<Path> left = Files.walk(workDir)) {
            assertEquals(List.of(), left.filter(p -> !p.equals(workDir) && !isRunFolder(p)).toList(),
                    "job folders must be deleted");
        }
    }

    private static boolean isRunFolder(Path path) {
        return path.getParent().equals(workDir) && path.getFileName().toString().startsWith("run-")
                || path.getFileName().toString().equals("outputs") && path.getParent().getParent().equals(workDir);
    }

    @Test
    void readsFromS3AndHttpsAndWritesToS3WithDownloadLinks() throws Exception {
        RenderResult result = render.apply(request("s3://inputs/faces/portrait.png",
                web.url("/speech.wav").toString(), "s3://renders/jobs/", "remote-1"));

        assertEquals("s3://renders/jobs/remote-1.mp4", result.outputUrl());
        assertEquals(List.of("jobs/remote-1.jpg", "jobs/remote-1.mp4"), s3.keys("renders"));
        byte[] stored = s3.bytes("renders", "jobs/remote-1.mp4");
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(result.downloadUrl())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(stored, download.body());

        Path local = Files.write(work.resolve("downloaded.mp4"), download.body());
        VideoFrames.Decoded video = VideoFrames.decode(local);
        assertEquals("h264", video.videoCodec());
        assertEquals(256, video.width());
        assertEquals(result.frames(), video.frames().size());

        byte[] poster = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(result.posterUrl())).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
        assertTrue(poster.length > 1000 && (poster[0] & 0xff) == 0xff && (poster[1] & 0xff) == 0xd8, "a JPEG poster");
        assertWorkDirEmpty();
    }

    @Test
    void failedRenderLeavesNoObjectAndNoJobFolder() throws Exception {
        AvatarException e = assertThrows(AvatarException.class, () -> render.apply(request("s3://inputs/faces/cat.jpg",
                web.url("/speech.wav").toString(), "s3://renders/failed/", "remote-fail")));
        assertEquals(ErrorCode.NO_FACE_DETECTED, e.code());
        assertFalse(s3.keys("renders").stream().anyMatch(k -> k.startsWith("failed/")), s3.keys("renders").toString());
        assertWorkDirEmpty();
    }

    @Test
    void repeatedJobIsAnsweredFromTheStoredResultWithFreshLinks() throws Exception {
        RenderRequest first = request("s3://inputs/faces/portrait.png", web.url("/speech.wav").toString(),
                "s3://results/jobs/", "stored-1");
        assertEquals(java.util.Optional.empty(), storing.stored(first), "nothing stored before the render");
        RenderResult rendered = storing.apply(first);
        assertEquals(List.of("jobs/stored-1.jpg", "jobs/stored-1.mp4", "jobs/stored-1.mp4.result.json"), s3.keys("results"));
        String json = new String(s3.bytes("results", "jobs/stored-1.mp4.result.json"), java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(json.contains("X-Amz-Signature"), "presigned links are not stored: " + json);

        // Another process: the same job id and output, even with other inputs, is not rendered again.
        int downloads = web.requests();
        RenderResult again = storing.stored(request("s3://inputs/faces/cat.jpg", web.url("/speech.wav").toString(),
                "s3://results/jobs/", "stored-1")).orElseThrow();
        assertEquals(downloads, web.requests(), "no input was fetched");
        assertEquals(rendered.withLinks(null, null), again.withLinks(null, null));
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(again.downloadUrl())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(s3.bytes("results", "jobs/stored-1.mp4"), download.body());
        assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(again.posterUrl())).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        assertTrue(storing.stored(request("a", "b", "s3://results/jobs/", "stored-2")).isEmpty(), "another job id");
        assertTrue(storing.stored(request("a", "b", "s3://results/elsewhere/", "stored-1")).isEmpty(), "another place");
        assertTrue(render.stored(first).isEmpty(), "a renderer that does not keep results does not read them");
        assertWorkDirEmpty();
    }

    @Test
    void storedResultIsGoneWithItsVideo() throws Exception {
        RenderRequest job = request("s3://inputs/faces/portrait.png", web.url("/speech.wav").toString(),
                "s3://results/gone/clip.mp4", "stored-gone");
        storing.apply(job);
        assertTrue(storing.stored(job).isPresent());
        s3.delete("results", "gone/clip.mp4");
        assertTrue(storing.stored(job).isEmpty(), "a result whose video was deleted means: render again");
    }

    @Test
    void failedRenderStoresNeitherVideoNorResult() throws Exception {
        RenderRequest job = request("s3://inputs/faces/cat.jpg", web.url("/speech.wav").toString(),
                "s3://results/failed/", "stored-fail");
        assertEquals(ErrorCode.NO_FACE_DETECTED, assertThrows(AvatarException.class, () -> storing.apply(job)).code());
        assertFalse(s3.keys("results").stream().anyMatch(k -> k.startsWith("failed/")), s3.keys("results").toString());
        assertTrue(storing.stored(job).isEmpty());
        assertWorkDirEmpty();
    }

    @Test
    void localOutputKeepsItsResultInASidecarFile() throws Exception {
        RenderRequest job = request(TestAssets.face("portrait_woman_474.png").toString(),
                web.url("/speech.wav").toString(), "stored/", "stored-local");
        RenderAvatar local = storing.withSettings(RenderSettings.defaults().withMaxAudioSeconds(20)
                .withFiles(FileAccess.forService(TestAssets.face("portrait_woman_474.png").getParent().toString(),
                        work.resolve("out").toString()))
                .withStorage(new StorageSettings(FetchSettings.defaults().allowingHosts("127.0.0.1"), null, workDir, true)));
        RenderResult rendered = local.apply(job);
        Path video = work.resolve("out/stored/stored-local.mp4");
        assertEquals(video.toUri().toString(), rendered.outputUrl());
        assertTrue(Files.isRegularFile(video.resolveSibling("stored-local.mp4.result.json")));
        assertEquals(rendered, local.stored(job).orElseThrow());

        RenderRequest other = request(TestAssets.face("cat_no_human_face.jpg").toString(),
                web.url("/speech.wav").toString(), "stored/", "stored-local-fail");
        assertThrows(AvatarException.class, () -> local.apply(other));
        try (Stream<Path> files = Files.list(video.getParent())) {
            assertEquals(List.of("stored-local.mp4", "stored-local.mp4.result.json"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "the failed job left nothing");
        }
    }

    @Test
    void guardRefusesLoopbackUrlsUnlessAllowListed() throws Exception {
        int before = web.requests();
        AvatarException e = assertThrows(AvatarException.class, () -> guarded.apply(request(
                "s3://inputs/faces/portrait.png", web.url("/speech.wav").toString(), "s3://renders/guarded/", null)));
        assertEquals(ErrorCode.PATH_NOT_ALLOWED, e.code());
        assertEquals(before, web.requests());
        assertWorkDirEmpty();
    }

    @Test
    void missingInputsAndBucketsAreCallerErrors() throws Exception {
        assertEquals(ErrorCode.INPUT_NOT_FOUND, assertThrows(AvatarException.class, () -> render.apply(request(
                "s3://inputs/faces/nobody.png", web.url("/speech.wav").toString(), "s3://renders/x/", null))).code());
        assertEquals(ErrorCode.OUTPUT_NOT_WRITABLE, assertThrows(AvatarException.class, () -> render.apply(request(
                "s3://inputs/faces/portrait.png", web.url("/speech.wav").toString(), "s3://no-bucket/x/", null))).code());
        assertEquals(ErrorCode.PATH_NOT_ALLOWED, assertThrows(AvatarException.class, () -> render.apply(request(
                TestAssets.face("portrait_woman_474.png").toString(), web.url("/speech.wav").toString(),
                "s3://renders/x/", null))).code());
        assertWorkDirEmpty();
    }

    @Test
    void remoteUrlsAreRefusedWhereStorageIsOff() {
        try (RenderAvatar local = RenderAvatar.create(RenderSettings.defaults(), TestAssets.models(work.resolve("cache")))) {
            assertEquals(ErrorCode.UNSUPPORTED_INPUT, assertThrows(AvatarException.class, () -> local.apply(request(
                    "s3://inputs/faces/portrait.png", TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(),
                    null, null))).code());
            assertEquals(ErrorCode.UNSUPPORTED_INPUT, assertThrows(AvatarException.class, () -> local.apply(request(
                    TestAssets.face("portrait_woman_474.png").toString(), web.url("/speech.wav").toString(),
                    null, null))).code());
        }
    }
}
