package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderProgress;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The renderAvatar function as the service offers it: the core {@link RenderAvatar} behind a fixed
 * number of render slots, so excess requests are refused with {@link BusyException} instead of
 * queueing without bound, and with repeated deliveries of a job id answered by the one render.
 *
 * <p>A request whose jobId is rendering waits for that render (it takes no slot); one whose jobId
 * finished recently gets the same result. Both live in this process; beyond it, a repeat that reaches
 * another pod, or this one after a restart, gets the result stored beside the video
 * ({@link RenderAvatar#stored}) when one is there for the same output, and renders again otherwise.
 */
public final class RenderService implements Function<RenderRequest, RenderResult>, AutoCloseable {
    private final RenderAvatar renderer;
    private final ServiceSettings settings;
    private final RenderMetrics metrics;
    private final Semaphore slots;
    private final ConcurrentMap<String, CompletableFuture<RenderResult>> rendering = new ConcurrentHashMap<>();
    private final Map<String, RenderResult> finished;
    private volatile boolean draining;

    public RenderService(RenderAvatar renderer, ServiceSettings settings, RenderMetrics metrics) {
        this.renderer = renderer;
        this.settings = settings;
        this.metrics = metrics;
        this.slots = new Semaphore(settings.maxConcurrentRenders(), true);
        int remembered = settings.rememberedJobs();
        this.finished = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RenderResult> eldest) {
                return size() > remembered;
            }
        });
    }

    /** The plain JSON route: a callback is only posted for CloudEvents, so one asked for here is refused. */
    @Override
    public RenderResult apply(RenderRequest request) {
        if (request.callbackUrl() != null) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "callbackUrl is answered on the CloudEvents route"
                    + " (POST /) only; leave it out here.");
        }
        return render(request);
    }

    /** Renders, or answers from a running, remembered or stored render of the same job id. */
    RenderResult render(RenderRequest request) {
        return answer(request).result();
    }

    /**
     * A request's result, and whether it was read from the result stored beside the video (the job
     * finished on another pod, or on this one before a restart).
     */
    record Answer(RenderResult result, boolean fromStorage) {
    }

    /** As {@link #render}, saying where the result came from. */
    Answer answer(RenderRequest request) {
        return answer(request, this::renderInSlot);
    }

    /**
     * As {@link #answer}, for a queued job: it waits for a render slot as long as it takes (until
     * interrupted, which cancels it), renders with {@code jobRenderer} (this service's models under
     * the job's own file rules) and reports progress.
     */
    Answer queued(RenderRequest request, RenderAvatar jobRenderer, RenderProgress progress) {
        return answer(request, r -> renderInSlot(r, jobRenderer, progress, true));
    }

    private Answer answer(RenderRequest request, Function<RenderRequest, RenderResult> render) {
        String jobId = request.jobId();
        if (jobId == null) {
            return new Answer(render.apply(request), false);
        }
        RenderResult done = finished.get(jobId);
        if (done != null) {
            metrics.joined();
            return new Answer(done, false);
        }
        CompletableFuture<RenderResult> mine = new CompletableFuture<>();
        CompletableFuture<RenderResult> running = rendering.putIfAbsent(jobId, mine);
        if (running != null) {
            metrics.joined();
            return new Answer(join(running), false);
        }
        try {
            // Finished between the first look and claiming the id, or on another pod: answer from the record.
            done = finished.get(jobId);
            boolean fromStorage = false;
            if (done == null) {
                done = renderer.stored(request).orElse(null);
                if (done != null) {
                    metrics.joined();
                    fromStorage = true;
                }
            }
            RenderResult result = done != null ? done : render.apply(request);
            finished.put(jobId, result);
            mine.complete(result);
            return new Answer(result, fromStorage);
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            rendering.remove(jobId, mine);
        }
    }

    /** Forgets a finished job's result, such as one whose video was removed; a repeat then renders again. */
    void forget(String jobId) {
        finished.remove(jobId);
    }

    private RenderResult renderInSlot(RenderRequest request) {
        return renderInSlot(request, renderer, RenderProgress.NONE, false);
    }

    private RenderResult renderInSlot(RenderRequest request, RenderAvatar with, RenderProgress progress, boolean wait) {
        if (draining) {
            throw new AvatarException(ErrorCode.CANCELLED, "The service is shutting down; send the request again.");
        }
        boolean acquired;
        try {
            if (wait) {
                slots.acquire();
                acquired = true;
                // A job that waited through the start of a shutdown must not start rendering after it.
                if (draining) {
                    slots.release();
                    throw new AvatarException(ErrorCode.CANCELLED, "The service is shutting down; send the job again.");
                }
            } else {
                acquired = slots.tryAcquire(settings.busyWait().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AvatarException(ErrorCode.CANCELLED, wait ? "The job was cancelled before it started."
                    : "The service is shutting down.", e);
        }
        if (!acquired) {
            metrics.rejected();
            throw new BusyException(settings.maxConcurrentRenders(), settings.retryAfter().toSeconds());
        }
        long start = System.nanoTime();
        metrics.started();
        try {
            RenderResult result = with.render(request, progress);
            metrics.succeeded(result, System.nanoTime() - start);
            return result;
        } catch (AvatarException e) {
            metrics.failed(e.code().name());
            throw e;
        } catch (RuntimeException e) {
            metrics.failed(ErrorCode.INTERNAL_ERROR.name());
            throw e;
        } finally {
            slots.release();
        }
    }

    private static RenderResult join(CompletableFuture<RenderResult> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Refuses new renders and waits, up to {@code grace}, for the running ones to finish.
     *
     * @return true when none is left running
     */
    public boolean drain(java.time.Duration grace) throws InterruptedException {
        draining = true;
        int all = settings.maxConcurrentRenders();
        if (slots.tryAcquire(all, grace.toMillis(), TimeUnit.MILLISECONDS)) {
            slots.release(all);
            return true;
        }
        return false;
    }

    /** The core renderer, for the warm-up (which bypasses slots and metrics). */
    RenderAvatar renderer() {
        return renderer;
    }

    @Override
    public void close() {
        renderer.close();
    }
}
