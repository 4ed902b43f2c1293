package com.videogenie.avatar.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Against a real S3-compatible server on loopback (s3proxy), with signatures checked. */
class S3ObjectStoreTest {
    private static final long MB = 1L << 20;
    private static TestS3Server server;
    private static S3ObjectStore store;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = new TestS3Server();
        server.createBucket("media");
        store = new S3ObjectStore(server.settings().withMultipart(6 * MB, 5 * MB));
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        server.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void uploadsAndDownloadsTheSameBytes() throws Exception {
        byte[] bytes = random(200_000, 1);
        Path file = Files.write(dir.resolve("in.bin"), bytes);
        S3Location location = new S3Location("media", "small/in.bin");
        store.upload(file, location, "application/octet-stream");
        assertArrayEquals(bytes, server.bytes("media", "small/in.bin"));
        Path back = dir.resolve("back.bin");
        store.download(location, back, MB, "audioUrl");
        assertArrayEquals(bytes, Files.readAllBytes(back));
    }

    @Test
    void uploadsLargeFilesInParts() throws Exception {
        byte[] bytes = random((int) (12 * MB + 123), 2);
        Path file = Files.write(dir.resolve("large.bin"), bytes);
        store.upload(file, new S3Location("media", "large/video.mp4"), "video/mp4");
        assertArrayEquals(bytes, server.bytes("media", "large/video.mp4"));
    }

    @Test
    void presignedLinkDownloadsTheObjectAndExpires() throws Exception {
        byte[] bytes = random(50_000, 3);
        server.put("media", "linked/video.mp4", bytes);
        URI link = store.presign(new S3Location("media", "linked/video.mp4"));
        assertTrue(link.getQuery().contains("X-Amz-Expires=3600"), link.toString());
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertArrayEquals(bytes, response.body());

        try (S3ObjectStore shortLived = new S3ObjectStore(server.settings().withPresignExpiry(Duration.ofSeconds(90)))) {
            assertTrue(shortLived.presign(new S3Location("media", "linked/video.mp4")).getQuery()
                    .contains("X-Amz-Expires=90"));
        }
    }

    @Test
    void reportsMissingObjectsAndOversizedOnes() {
        Path target = dir.resolve("x");
        assertEquals(ErrorCode.INPUT_NOT_FOUND, assertThrows(AvatarException.class,
                () -> store.download(new S3Location("media", "nothing/here.wav"), target, MB, "audioUrl")).code());
        assertEquals(ErrorCode.INPUT_NOT_FOUND, assertThrows(AvatarException.class,
                () -> store.download(new S3Location("no-such-bucket", "a.wav"), target, MB, "audioUrl")).code());
        server.put("media", "big.wav", random(300_000, 4));
        assertEquals(ErrorCode.INPUT_TOO_LARGE, assertThrows(AvatarException.class,
                () -> store.download(new S3Location("media", "big.wav"), target, 100_000, "audioUrl")).code());
    }

    @Test
    void refusesAMissingOutputBucketBeforeRendering() {
        assertEquals(ErrorCode.OUTPUT_NOT_WRITABLE, assertThrows(AvatarException.class,
                () -> store.checkBucket(new S3Location("no-such-bucket", "out/"), "outputUrl")).code());
        store.checkBucket(new S3Location("media", "out/"), "outputUrl");
    }

    @Test
    void parsesLocations() {
        S3Location folder = S3Location.parse("s3://media/renders/", "outputUrl");
        assertEquals(new S3Location("media", "renders/"), folder);
        assertTrue(folder.isFolder());
        assertEquals("s3://media/renders/job-1.jpg", folder.resolve("job-1.mp4").withExtension(".jpg").toString());
        assertEquals(List.of(ErrorCode.INVALID_REQUEST), List.of(assertThrows(AvatarException.class,
                () -> S3Location.parse("s3://Bad_Bucket/x", "avatarUrl")).code()));
    }
}
