package com.videogenie.avatar.mcp;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderProgress;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for the core where a test is about the protocol, not the pixels. It behaves as the
 * core does towards its caller: progress per frame, an interrupt ends it with CANCELLED, and a
 * photo named "cat" has no face. A request whose audio is named "hold" renders until interrupted
 * or {@link #release}d.
 */
final class StubRenderer implements Renderer {
    static final int FRAMES = 50;

    final BlockingQueue<RenderRequest> started = new LinkedBlockingQueue<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    private final Path outputDir;
    private final CountDownLatch released = new CountDownLatch(1);

    StubRenderer(Path outputDir) {
        this.outputDir = outputDir;
    }

    void release() {
        released.countDown();
    }

    /** The next request that started rendering, waiting for it a few seconds. */
    RenderRequest nextStarted() throws InterruptedException {
        RenderRequest request = started.poll(10, TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("no render started");
        }
        return request;
    }

    @Override
    public RenderResult render(RenderRequest request, RenderProgress progress) {
        int now = running.incrementAndGet();
        mostAtOnce.accumulateAndGet(now, Math::max);
        try {
            started.add(request);
            if (request.avatarUrl().contains("cat")) {
                throw new AvatarException(ErrorCode.NO_FACE_DETECTED, "No human face was found in the photo.");
            }
            if (request.audioUrl().contains("hold") && !released.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("held render was neither released nor cancelled");
            }
            for (int frame = 1; frame <= FRAMES; frame++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                progress.frames(frame, FRAMES);
            }
            Path video = outputDir.resolve((request.jobId() != null ? request.jobId() : "job") + ".mp4");
            Files.write(video, new byte[] {0, 0, 0, 24, 'f', 't', 'y', 'p'});
            return new RenderResult("job", video.toUri().toString(), FRAMES / 25.0, FRAMES, request.width(),
                    request.height(), request.fps(), 7L, Map.of("total", 10L), "stub",
                    Map.of("render", "stub"), "none", List.of(), null, null);
        } catch (InterruptedException e) {
            throw new AvatarException(ErrorCode.CANCELLED, "The render was cancelled.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            running.decrementAndGet();
        }
    }
}
