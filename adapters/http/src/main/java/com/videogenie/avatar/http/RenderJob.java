package com.videogenie.avatar.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.storage.JobFolder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One asynchronous render job of {@code /jobs}: its request, where it stands, and its outcome. Every
 * change goes through its monitor; {@link #status()} is a consistent snapshot for the routes.
 */
final class RenderJob {
    enum State {
        QUEUED, RENDERING, COMPLETED, FAILED, CANCELLED;

        boolean finished() {
            return this == COMPLETED || this == FAILED || this == CANCELLED;
        }

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What {@code GET /jobs/{id}} answers. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Status(String jobId, String state, Progress progress, Instant createdAt, Instant finishedAt,
                  RenderResult result, Failure error, Links links) {
    }

    record Progress(int framesDone, int framesTotal, double fraction) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Links(String self, String events, String video, String poster) {
    }

    private final RenderRequest request;
    private final JobFolder folder;
    private final Path uploads;
    private final Instant created;
    private State state = State.QUEUED;
    private int framesDone;
    private int framesTotal;
    private RenderResult result;
    private Failure error;
    private Instant finished;
    private Thread runner;
    private boolean cancelRequested;
    private Path poster;
    private final CountDownLatch ended = new CountDownLatch(1);

    /**
     * @param folder  the job's own folder (uploads, poster), removed with the job
     * @param uploads where its uploaded files are, readable by its render; null without uploads
     */
    RenderJob(RenderRequest request, JobFolder folder, Path uploads, Instant created) {
        this.request = request;
        this.folder = folder;
        this.uploads = uploads;
        this.created = created;
    }

    String id() {
        return request.jobId();
    }

    RenderRequest request() {
        return request;
    }

    JobFolder folder() {
        return folder;
    }

    Path uploads() {
        return uploads;
    }

    synchronized State state() {
        return state;
    }

    synchronized RenderResult result() {
        return result;
    }

    synchronized Instant finishedAt() {
        return finished;
    }

    /** Takes the job for this thread; false when it was cancelled while it waited. */
    synchronized boolean start() {
        if (cancelRequested) {
            return false;
        }
        runner = Thread.currentThread();
        state = State.RENDERING;
        return true;
    }

    synchronized void progress(int done, int total) {
        framesDone = done;
        framesTotal = total;
    }

    synchronized void completed(RenderResult outcome, Instant at) {
        result = outcome;
        framesDone = outcome.frames();
        framesTotal = outcome.frames();
        end(State.COMPLETED, at);
    }

    synchronized void failed(Failure failure, Instant at) {
        error = failure;
        end(cancelRequested ? State.CANCELLED : State.FAILED, at);
    }

    /** Ends a job that never ran; one already finished stays as it is. */
    synchronized void cancelled(Instant at) {
        if (!state.finished()) {
            cancelRequested = true;
            state = State.CANCELLED;
            finished = at;
            ended.countDown();
        }
    }

    private void end(State last, Instant at) {
        state = last;
        finished = at;
        runner = null;
        ended.countDown();
        // A cancel that raced the end of the render must not reach the worker's next job.
        Thread.interrupted();
    }

    /** Waits (not holding this job's monitor) until the job has finished, at most {@code limit}. */
    void awaitEnd(Duration limit) {
        try {
            ended.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks a running job to stop (its render then ends CANCELLED); true when it was running. */
    synchronized boolean requestCancel() {
        cancelRequested = true;
        if (runner != null) {
            runner.interrupt();
            return true;
        }
        return false;
    }

    synchronized Path poster() {
        return poster;
    }

    synchronized void poster(Path file) {
        poster = file;
    }

    synchronized Status status() {
        String base = "/jobs/" + id();
        boolean done = state == State.COMPLETED;
        return new Status(id(), state.wire(),
                new Progress(framesDone, framesTotal, framesTotal == 0 ? (done ? 1 : 0) : framesDone / (double) framesTotal),
                created, finished, result, error,
                new Links(base, base + "/events", done ? base + "/video" : null, done ? base + "/poster" : null));
    }
}
