package com.videogenie.avatar.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderProgress;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One render at a time, waiting calls, and cancellation by interrupt. */
class RenderQueueTest {
    @TempDir
    Path out;
    private final List<RenderQueue> queues = new ArrayList<>();

    @AfterEach
    void close() {
        queues.forEach(RenderQueue::close);
    }

    private RenderQueue queue(StubRenderer renderer, int maxWaiting) {
        RenderQueue queue = new RenderQueue(() -> renderer, maxWaiting);
        queues.add(queue);
        return queue;
    }

    private static RenderRequest request(String audio) {
        return RenderRequest.of("/in/face.png", "/in/" + audio, null);
    }

    private static CompletableFuture<RenderResult> inBackground(RenderQueue queue, String key, RenderRequest request) {
        return CompletableFuture.supplyAsync(() -> queue.render(key, request, RenderProgress.NONE));
    }

    private static AvatarException failure(CompletableFuture<RenderResult> call) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> call.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof AvatarException, e.getCause().toString());
        return (AvatarException) e.getCause();
    }

    private static void awaitWaiting(RenderQueue queue, int calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queue.waiting() < calls) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the call did not reach the queue");
            }
            Thread.sleep(5);
        }
    }

    @Test
    void rendersOneCallAtATime() throws Exception {
        StubRenderer renderer = new StubRenderer(out);
        RenderQueue queue = queue(renderer, 4);
        CompletableFuture<RenderResult> first = inBackground(queue, "1", request("hold.wav"));
        renderer.nextStarted();
        CompletableFuture<RenderResult> second = inBackground(queue, "2", request("second.wav"));
        CompletableFuture<RenderResult> third = inBackground(queue, "3", request("third.wav"));

        renderer.release();
        first.get(10, TimeUnit.SECONDS);
        second.get(10, TimeUnit.SECONDS);
        third.get(10, TimeUnit.SECONDS);

        assertEquals(1, renderer.mostAtOnce.get());
    }

    @Test
    void cancelInterruptsTheRunningRender() throws Exception {
        StubRenderer renderer = new StubRenderer(out);
        RenderQueue queue = queue(renderer, 4);
        CompletableFuture<RenderResult> call = inBackground(queue, "7", request("hold.wav"));
        renderer.nextStarted();

        queue.cancel("7");

        assertEquals(ErrorCode.CANCELLED, failure(call).code());
        RenderResult next = queue.render("8", request("after.wav"), RenderProgress.NONE);
        assertEquals(StubRenderer.FRAMES, next.frames(), "the worker is not left interrupted");
    }

    @Test
    void cancelDropsAWaitingCall() throws Exception {
        StubRenderer renderer = new StubRenderer(out);
        RenderQueue queue = queue(renderer, 4);
        CompletableFuture<RenderResult> running = inBackground(queue, "1", request("hold.wav"));
        renderer.nextStarted();
        CompletableFuture<RenderResult> waiting = inBackground(queue, "2", request("waiting.wav"));
        awaitWaiting(queue, 1);

        queue.cancel("2");
        AvatarException cancelled = failure(waiting);
        renderer.release();
        running.get(10, TimeUnit.SECONDS);

        assertEquals(ErrorCode.CANCELLED, cancelled.code());
        assertTrue(cancelled.getMessage().contains("before it started"), cancelled.getMessage());
        assertTrue(renderer.started.isEmpty(), "the dropped call never rendered");
    }

    @Test
    void cancelThatOvertakesItsCallRefusesIt() {
        StubRenderer renderer = new StubRenderer(out);
        RenderQueue queue = queue(renderer, 4);

        queue.cancel("5");
        AvatarException e = assertThrows(AvatarException.class,
                () -> queue.render("5", request("speech.wav"), RenderProgress.NONE));

        assertEquals(ErrorCode.CANCELLED, e.code());
        assertTrue(renderer.started.isEmpty());
    }

    @Test
    void refusesCallsBeyondTheWaitingLimit() throws Exception {
        StubRenderer renderer = new StubRenderer(out);
        RenderQueue queue = queue(renderer, 1);
        CompletableFuture<RenderResult> running = inBackground(queue, "1", request("hold.wav"));
        renderer.nextStarted();
        CompletableFuture<RenderResult> waiting = inBackground(queue, "2", request("waiting.wav"));
        awaitWaiting(queue, 1);

        assertThrows(RejectedExecutionException.class, () -> queue.render("3", request("third.wav"), RenderProgress.NONE));

        renderer.release();
        running.get(10, TimeUnit.SECONDS);
        waiting.get(10, TimeUnit.SECONDS);
    }

    @Test
    void everyCallFailsWithTheReasonTheRendererCannotLoad() {
        RenderQueue queue = new RenderQueue(() -> {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE, "Model 'face_mesh' is missing.");
        }, 4);
        queues.add(queue);

        for (String key : new String[] {"1", "2"}) {
            AvatarException e = assertThrows(AvatarException.class,
                    () -> queue.render(key, request("speech.wav"), RenderProgress.NONE));
            assertEquals(ErrorCode.MODEL_UNAVAILABLE, e.code());
        }
    }
}
