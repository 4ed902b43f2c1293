package com.videogenie.avatar;

import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.media.VideoEncoder;
import com.videogenie.avatar.motion.MotionPlanner;
import com.videogenie.avatar.render.FrameRenderer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders and encodes frames one at a time, rendering on a second thread so both cores work. A
 * fixed ring of frame buffers bounds memory whatever the video's length: the renderer waits when
 * the encoder falls behind. The calling thread's interrupt cancels the job.
 */
final class FramePipeline {
    private static final int BUFFERS = 3;

    /** Busy time of each side, in nanoseconds. */
    record Timing(long renderNanos, long encodeNanos) {
    }

    private FramePipeline() {
    }

    static Timing run(MotionPlanner planner, FrameRenderer renderer, VideoEncoder encoder, int width, int height,
                      RenderProgress progress) {
        int total = planner.frameCount();
        BlockingQueue<RgbImage> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<RgbImage> ready = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new RgbImage(width, height));
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "avatar-render");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Long> rendering = thread.submit(() -> {
                long busy = 0;
                for (int frame = 0; frame < total; frame++) {
                    RgbImage buffer = free.take();
                    long start = System.nanoTime();
                    renderer.render(planner.motion(frame), buffer);
                    busy += System.nanoTime() - start;
                    ready.put(buffer);
                }
                return busy;
            });
            long encodeBusy = 0;
            for (int frame = 0; frame < total; frame++) {
                RgbImage buffer = takeReady(ready, rendering);
                long start = System.nanoTime();
                encoder.encode(buffer);
                encodeBusy += System.nanoTime() - start;
                free.add(buffer);
                progress.frames(frame + 1, total);
            }
            return new Timing(rendering.get(), encodeBusy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AvatarException.cancelled();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } finally {
            thread.shutdownNow();
        }
    }

    /** Waits for the next frame, surfacing a renderer failure instead of waiting forever. */
    private static RgbImage takeReady(BlockingQueue<RgbImage> ready, Future<Long> rendering)
            throws InterruptedException, ExecutionException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            RgbImage buffer = ready.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (buffer != null) {
                return buffer;
            }
            if (rendering.isDone()) {
                rendering.get();
                buffer = ready.poll();
                if (buffer != null) {
                    return buffer;
                }
                throw new IllegalStateException("the renderer stopped early");
            }
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof AvatarException avatar) {
            return avatar;
        }
        return new AvatarException(ErrorCode.INTERNAL_ERROR, "Rendering failed: " + cause, cause);
    }
}
