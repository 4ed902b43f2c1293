package com.videogenie.avatar.http;

import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.JobId;
import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.media.FileAccess;
import com.videogenie.avatar.storage.JobFolder;
import com.videogenie.avatar.storage.JobNote;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The asynchronous render jobs behind {@code /jobs}: taken at once, queued (up to
 * {@link JobSettings#maxQueued}), rendered within the service's render slots, and kept with their
 * files for {@link JobSettings#retention} after they finish.
 *
 * <p>A job id is the same idempotency key as on the other routes: submitting a known id answers
 * that job, and one whose result is stored beside its video completes at once from it. A finished
 * job's local video, its stored result and its folder (uploads, poster) are removed when it expires
 * or is deleted; a video in S3 stays (it is the caller's bucket).
 */
final class RenderJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RenderJobs.class);
    private static final JsonFormat STRUCTURED = new JsonFormat();

    private final RenderService service;
    private final RenderSettings settings;
    private final JobSettings jobSettings;
    private final ServiceSettings serviceSettings;
    private final Webhooks webhooks;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, RenderJob> jobs = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService expiry =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("avatar-job-expiry"));

    RenderJobs(RenderService service, RenderSettings settings, JobSettings jobSettings, ServiceSettings serviceSettings,
               Webhooks webhooks, JsonMapper json, Clock clock) {
        this.service = service;
        this.settings = settings;
        this.jobSettings = jobSettings;
        this.serviceSettings = serviceSettings;
        this.webhooks = webhooks;
        this.json = json;
        this.clock = clock;
        int slots = serviceSettings.maxConcurrentRenders();
        // As many workers as render slots: a job waits in this queue, not holding a thread, until one is free.
        this.workers = new ThreadPoolExecutor(slots, slots, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                DaemonThreads.named("avatar-job"));
        long every = Math.max(200, Math.min(60_000, jobSettings.retention().toMillis() / 4));
        expiry.scheduleWithFixedDelay(this::expire, every, every, TimeUnit.MILLISECONDS);
    }

    /** A folder for a new job's uploads, removed with the job (or at once if the job is refused). */
    JobFolder newFolder(String jobId) {
        return service.renderer().jobFolder(jobId);
    }

    /**
     * Takes a job: the known job of that id, a completed one from a stored result, or a new queued
     * one. The folder is the job's from here on (closed at once when the job is refused or already known).
     *
     * @param uploads the folder holding the job's uploaded files, or null
     * @throws BusyException when the queue is full
     */
    RenderJob submit(RenderRequest request, JobFolder folder, Path uploads) {
        boolean taken = false;
        try {
            if (request.callbackUrl() != null) {
                webhooks.check(request.callbackUrl());
            }
            service.renderer().checkChoices(request);
            String jobId = request.jobId();
            RenderJob known = jobs.get(jobId);
            if (known != null) {
                return known;
            }
            Optional<RenderResult> stored = service.renderer().stored(request);
            RenderJob job = new RenderJob(request, folder, uploads, clock.instant());
            synchronized (jobs) {
                known = jobs.get(jobId);
                if (known != null) {
                    return known;
                }
                if (stored.isEmpty() && queued() >= jobSettings.maxQueued()) {
                    throw new BusyException(jobSettings.maxQueued() + " jobs are waiting for a render slot already"
                            + " (AVATAR_MAX_QUEUED_JOBS); retry in " + serviceSettings.retryAfter().toSeconds() + " s.",
                            serviceSettings.retryAfter().toSeconds());
                }
                jobs.put(jobId, job);
                taken = true;
            }
            if (stored.isPresent()) {
                job.completed(stored.get(), clock.instant());
            } else {
                workers.execute(new JobTask(job, this));
            }
            return job;
        } finally {
            if (!taken) {
                folder.close();
            }
        }
    }

    private int queued() {
        int waiting = 0;
        for (RenderJob job : jobs.values()) {
            if (job.state() == RenderJob.State.QUEUED) {
                waiting++;
            }
        }
        return waiting;
    }

    /** Jobs queued or rendering. */
    int unfinished() {
        int count = 0;
        for (RenderJob job : jobs.values()) {
            count += job.state().finished() ? 0 : 1;
        }
        return count;
    }

    Optional<RenderJob> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    private void run(RenderJob job) {
        if (!job.start()) {
            job.cancelled(clock.instant());
            return;
        }
        try {
            RenderAvatar renderer = job.uploads() == null ? service.renderer()
                    : service.renderer().withSettings(settings.withFiles(readable(settings.files(), job.uploads())));
            RenderResult result = service.queued(job.request(), renderer, job::progress).result();
            job.completed(result, clock.instant());
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e, job.id());
            if (failure.status().is5xxServerError() && !ErrorCode.CANCELLED.name().equals(failure.code())) {
                log.error("Job {} failed", job.id(), e);
            }
            job.failed(failure, clock.instant());
        }
        callBack(job);
    }

    /** The service's file rules with the job's upload folder readable too. */
    private static FileAccess readable(FileAccess files, Path uploads) {
        if (files.inputDirs() == null) {
            return files;
        }
        List<Path> dirs = new ArrayList<>(files.inputDirs());
        dirs.add(uploads);
        return new FileAccess(dirs, files.outputDir());
    }

    private void callBack(RenderJob job) {
        String callbackUrl = job.request().callbackUrl();
        if (callbackUrl == null || job.state() == RenderJob.State.CANCELLED) {
            return;
        }
        try {
            RenderJob.Status status = job.status();
            boolean completed = job.state() == RenderJob.State.COMPLETED;
            CloudEvent event = RenderEvents.reply(null, completed ? RenderEvents.COMPLETED : RenderEvents.FAILED,
                    serviceSettings.eventSource(), json.writeValueAsBytes(completed ? status.result() : status.error()));
            webhooks.send(URI.create(callbackUrl), STRUCTURED.serialize(event),
                    completed ? service.renderer().note(job.request(), Webhooks.NOTE_SUFFIX).orElse(null) : null);
        } catch (RuntimeException e) {
            log.warn("Callback of job {} not sent: {}", job.id(), e.toString());
        }
    }

    /**
     * Cancels a queued or rendering job, or removes a finished one with its files; the job as it
     * ended, or empty when there is none.
     */
    Optional<RenderJob> delete(String jobId) {
        RenderJob job = jobs.get(jobId);
        if (job == null) {
            return Optional.empty();
        }
        if (!job.state().finished()) {
            if (!job.requestCancel() && dropQueued(job)) {
                job.cancelled(clock.instant());
            }
            // A running render stops at its next frame; one a worker just took cancels itself on start.
            job.awaitEnd(Duration.ofSeconds(30));
        }
        remove(job);
        return Optional.of(job);
    }

    private boolean dropQueued(RenderJob job) {
        for (Runnable task : workers.getQueue().toArray(new Runnable[0])) {
            if (task instanceof JobTask queued && queued.job() == job) {
                return workers.remove(task);
            }
        }
        return false;
    }

    /** Forgets expired jobs and removes their files. */
    private void expire() {
        try {
            var now = clock.instant();
            for (RenderJob job : List.copyOf(jobs.values())) {
                var finished = job.finishedAt();
                if (finished != null && finished.plus(jobSettings.retention()).isBefore(now)) {
                    remove(job);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Expiring jobs failed: {}", e.toString());
        }
    }

    private void remove(RenderJob job) {
        jobs.remove(job.id(), job);
        service.forget(job.id());
        job.folder().close();
        RenderResult result = job.result();
        if (result == null) {
            return;
        }
        try {
            if (service.renderer().discard(result)) {
                service.renderer().note(job.request(), Webhooks.NOTE_SUFFIX).ifPresent(JobNote::delete);
            }
        } catch (RuntimeException e) {
            log.warn("Cannot remove the files of job {}: {}", job.id(), e.toString());
        }
    }

    /** A new job id for a request that names none. */
    static RenderRequest withJobId(RenderRequest request) {
        return request.jobId() != null ? request : request.withJobId(JobId.generate());
    }

    /** Cancels queued jobs (running ones finish within the shutdown grace, as other renders do). */
    @Override
    public void close() {
        expiry.shutdownNow();
        for (Runnable task : workers.getQueue().toArray(new Runnable[0])) {
            if (task instanceof JobTask queued && workers.remove(task)) {
                queued.job().cancelled(clock.instant());
            }
        }
        workers.shutdown();
    }

    /** What the workers run: kept as a type so that a queued job can be found and dropped. */
    private record JobTask(RenderJob job, RenderJobs owner) implements Runnable {
        @Override
        public void run() {
            owner.run(job);
        }
    }
}
