package com.videogenie.avatar.mcp;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderProgress;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs renders one at a time on a worker thread of its own. A render uses every core, so a second
 * call waits its turn (up to {@code maxWaiting} calls wait; more are refused). Cancelling a call
 * interrupts the worker, which is how the core is told to stop: it throws CANCELLED and deletes
 * the partial file; a waiting call is simply dropped.
 *
 * <p>The renderer is created on the same worker when the queue starts, so model loading overlaps
 * the client's handshake and the first call waits for it only if it comes early.
 */
final class RenderQueue implements AutoCloseable {
    private static final int MAX_EARLY_CANCELLATIONS = 256;

    private final ThreadPoolExecutor worker;
    private final CompletableFuture<Renderer> renderer;
    /** Calls waiting or running, by key; guarded by itself, as is {@link #cancelledEarly}. */
    private final Map<String, Job> jobs = new HashMap<>();
    /**
     * Cancellations that came before their call reached the queue (the handler starts on another
     * thread than the one that reads the cancellation). Request ids are never reused within an MCP
     * session, so an entry for a call that never comes is harmless; the oldest are dropped.
     */
    private final Set<String> cancelledEarly = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_EARLY_CANCELLATIONS;
        }
    });

    RenderQueue(Supplier<Renderer> load, int maxWaiting) {
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(maxWaiting),
                runnable -> {
                    Thread thread = new Thread(runnable, "avatar-mcp-render");
                    thread.setDaemon(true);
                    return thread;
                });
        renderer = CompletableFuture.supplyAsync(load, worker);
    }

    /** Completes when the renderer is ready, or exceptionally with why it cannot be loaded. */
    CompletableFuture<Renderer> ready() {
        return renderer;
    }

    /**
     * Renders on the worker and waits for the outcome.
     *
     * @param key identifies the call for {@link #cancel}; unique among running calls
     * @throws AvatarException            what the core threw (CANCELLED after {@link #cancel})
     * @throws RejectedExecutionException when too many calls are waiting already
     */
    RenderResult render(String key, RenderRequest request, RenderProgress progress) {
        Job job = new Job(request, progress);
        synchronized (jobs) {
            if (cancelledEarly.remove(key)) {
                throw new AvatarException(ErrorCode.CANCELLED, "The render was cancelled before it started.");
            }
            if (jobs.putIfAbsent(key, job) != null) {
                throw new IllegalStateException("a render for request " + key + " is already running");
            }
        }
        try {
            worker.execute(job);
            return job.outcome.join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        } finally {
            synchronized (jobs) {
                jobs.remove(key);
            }
        }
    }

    /** Calls waiting for the worker, not counting the one it renders. */
    int waiting() {
        return worker.getQueue().size();
    }

    /** Stops the call's render, or drops it if it is still waiting, or refuses it when it comes. */
    void cancel(String key) {
        Job job;
        synchronized (jobs) {
            job = jobs.get(key);
            if (job == null) {
                cancelledEarly.add(key);
                return;
            }
        }
        job.cancel();
    }

    /** Cancels every call, waits briefly for the worker to clean up, and releases the models. */
    @Override
    public void close() {
        List<Job> running;
        synchronized (jobs) {
            running = List.copyOf(jobs.values());
        }
        running.forEach(Job::cancel);
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        renderer.thenAccept(Renderer::close);
    }

    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof CompletionException wrapped && wrapped.getCause() != null) {
            return unwrap(wrapped.getCause());
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new AvatarException(ErrorCode.INTERNAL_ERROR, "The render failed unexpectedly: " + cause, cause);
    }

    private final class Job implements Runnable {
        private final RenderRequest request;
        private final RenderProgress progress;
        private final CompletableFuture<RenderResult> outcome = new CompletableFuture<>();
        private Thread runner;
        private boolean cancelled;

        Job(RenderRequest request, RenderProgress progress) {
            this.request = request;
            this.progress = progress;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (cancelled) {
                    outcome.completeExceptionally(cancelledBeforeStart());
                    return;
                }
                runner = Thread.currentThread();
            }
            try {
                outcome.complete(renderer.join().render(request, progress));
            } catch (RuntimeException | Error e) {
                outcome.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    runner = null;
                }
                // A cancel that raced the end of the render must not reach the next job.
                Thread.interrupted();
            }
        }

        synchronized void cancel() {
            cancelled = true;
            if (runner != null) {
                runner.interrupt();
            } else if (worker.remove(this)) {
                outcome.completeExceptionally(cancelledBeforeStart());
            }
        }

        private static AvatarException cancelledBeforeStart() {
            return new AvatarException(ErrorCode.CANCELLED, "The render was cancelled before it started.");
        }
    }
}
