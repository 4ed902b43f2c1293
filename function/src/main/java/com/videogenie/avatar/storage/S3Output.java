package com.videogenie.avatar.storage;

import com.videogenie.avatar.input.JobFolder;
import com.videogenie.avatar.media.PosterFrame;
import java.nio.file.Path;

/**
 * A video bound for object storage. It is rendered into the job folder and uploaded, with a JPEG
 * poster beside it, only when complete; if the poster cannot be stored the video is taken back, so a
 * failed render leaves no object.
 */
final class S3Output implements RenderOutput {
    private final S3ObjectStore store;
    private final S3Location video;
    private final S3Location poster;
    private final Path temporary;
    private final Path posterFile;
    private String downloadUrl;
    private String posterUrl;

    S3Output(S3ObjectStore store, S3Location video, JobFolder job) {
        this.store = store;
        this.video = video;
        this.poster = video.withExtension(".jpg");
        this.temporary = job.newFile("output", ".mp4");
        this.posterFile = job.newFile("poster", ".jpg");
    }

    @Override
    public Path temporary() {
        return temporary;
    }

    @Override
    public void commit() {
        PosterFrame.write(temporary, posterFile);
        store.upload(temporary, video, "video/mp4");
        try {
            store.upload(posterFile, poster, "image/jpeg");
        } catch (RuntimeException e) {
            try {
                store.delete(video);
            } catch (RuntimeException deleteFailed) {
                e.addSuppressed(deleteFailed);
            }
            throw e;
        }
        downloadUrl = store.presign(video).toString();
        posterUrl = store.presign(poster).toString();
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
    }
}
