package com.videogenie.avatar.storage;

import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.media.PosterFrame;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A video bound for object storage. It is rendered into the job folder and uploaded, with a JPEG
 * poster beside it, only when complete; if the poster or the stored result cannot be written the
 * video is taken back, so a failed render leaves no object.
 */
final class S3Output implements RenderOutput {
    private final S3ObjectStore store;
    private final S3Location video;
    private final S3Location poster;
    private final S3Location sidecar;
    private final Path temporary;
    private final Path posterFile;
    private final WorkArea.Entry journal;
    private String downloadUrl;
    private String posterUrl;

    /** @param journal where the published objects are listed until finished, so a process killed mid-way has them removed at the next start */
    S3Output(S3ObjectStore store, S3Location video, JobFolder job, WorkArea.Entry journal) {
        this.store = store;
        this.journal = journal;
        this.video = video;
        this.poster = poster(video);
        this.sidecar = sidecar(video);
        this.temporary = job.newFile("output", ".mp4");
        this.posterFile = job.newFile("poster", ".jpg");
    }

    /** The result stored beside {@code video} for this job, with fresh links, if the video is still there. */
    static Optional<RenderResult> stored(S3ObjectStore store, S3Location video, String jobId) {
        byte[] json = store.readIfPresent(sidecar(video), StoredResults.MAX_BYTES);
        if (json == null || !store.exists(video)) {
            return Optional.empty();
        }
        RenderResult result = StoredResults.matching(json, jobId, video.toString());
        return result == null ? Optional.empty() : Optional.of(result.withLinks(store.presign(video).toString(),
                store.presign(poster(video)).toString()));
    }

    static S3Location poster(S3Location video) {
        return video.withExtension(".jpg");
    }

    static S3Location sidecar(S3Location video) {
        return new S3Location(video.bucket(), video.key() + StoredResults.SUFFIX);
    }

    @Override
    public Path temporary() {
        return temporary;
    }

    @Override
    public void commit() {
        PosterFrame.write(temporary, posterFile);
        journal.unfinished(url());
        store.delete(sidecar);
        store.upload(temporary, video, "video/mp4");
        try {
            store.upload(posterFile, poster, "image/jpeg");
        } catch (RuntimeException e) {
            takeBack(e, video);
            throw e;
        }
        downloadUrl = store.presign(video).toString();
        posterUrl = store.presign(poster).toString();
    }

    @Override
    public void storeResult(RenderResult result) {
        try {
            store.put(StoredResults.toJson(result), sidecar, "application/json");
        } catch (RuntimeException e) {
            takeBack(e, video, poster);
            throw e;
        }
    }

    private void takeBack(RuntimeException failure, S3Location... objects) {
        for (S3Location object : objects) {
            try {
                store.delete(object);
            } catch (RuntimeException deleteFailed) {
                failure.addSuppressed(deleteFailed);
            }
        }
    }

    @Override
    public String url() {
        return video.toString();
    }

    @Override
    public String downloadUrl() {
        return downloadUrl;
    }

    @Override
    public String posterUrl() {
        return posterUrl;
    }

    @Override
    public void close() {
        // The staged files live in the job folder, which the job deletes.
        journal.close();
    }
}
