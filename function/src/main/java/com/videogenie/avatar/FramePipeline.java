package com.videogenie.avatar;

import com.videogenie.avatar.media.VideoEncoder;
import com.videogenie.avatar.motion.MotionPlanner;
import com.videogenie.avatar.render.FrameBatch;
import com.videogenie.avatar.render.FrameRenderer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Renders and encodes frames in the renderer's batches, rendering on a second thread so both cores
 * work. A fixed ring of batches bounds memory whatever the video's length: the renderer waits when
 * the encoder falls behind. The calling thread's interrupt cancels the job.
 */
final class FramePipeline {
    /** One batch being drawn, one being encoded, one ready between them. */
    private static final int BUFFERS = 3;

    /** Busy time of each side, in nanoseconds. */
    record Timing(long renderNanos, long encodeNanos) {
    }

    private FramePipeline() {
    }

    /**
     * @param speech the whole speech at {@link com.videogenie.avatar.render.AudioWindow#SAMPLE_RATE}
     *               when the renderer reads sound around its frames; else unused and may be null
     */
    static Timing run(MotionPlanner planner, float[] speech, int fps, FrameRenderer renderer, VideoEncoder encoder,
                      int width, int height, RenderProgress progress) {
        int total = planner.frameCount();
        boolean audio = !renderer.audioSpan().isEmpty();
        BlockingQueue<FrameBatch> free = new ArrayBlockingQueue<>(BUFFERS);
        BlockingQueue<FrameBatch> ready = new ArrayBlockingQueue<>(BUFFERS);
        for (int i = 0; i < BUFFERS; i++) {
            free.add(new FrameBatch(Math.max(1, renderer.batchSize()), width, height, renderer.audioSpan()));
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "avatar-render");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<Long> rendering = thread.submit(() -> {
                long busy = 0;
                for (int frame = 0; frame < total; ) {
                    FrameBatch batch = free.take();
                    long start = System.nanoTime();
                    batch.clear();
                    for (; frame < total && batch.size() < batch.capacity(); frame++) {
                        int slot = batch.add(planner.motion(frame));
                        if (audio) {
                            batch.audio(slot).fill(speech, frame, fps);
                        }
                    }
                    renderer.render(batch);
                    busy += System.nanoTime() - start;
                    ready.put(batch);
                }
                return busy;
            });
            long encodeBusy = 0;
            for (int frame = 0; frame < total; ) {
                FrameBatch batch = takeReady(ready, rendering);
                for (int slot = 0; slot < batch.size(); slot++) {
                    long start = System.nanoTime();
                    encoder.encode(batch.image(slot));
                    encodeBusy += System.nanoTime() - start;
                    progress.frames(++frame, total);
                }
                free.add(batch);
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

    /** Waits for the next batch, surfacing a renderer failure instead of waiting forever. */
    private static FrameBatch takeReady(BlockingQueue<FrameBatch> ready, Future<Long> rendering)
            throws InterruptedException, ExecutionException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            FrameBatch buffer = ready.poll(50, java.util.concurrent.TimeUnit.MILLISECONDS);
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
