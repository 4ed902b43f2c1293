package com.videogenie.avatar.storage;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.media.FileAccess;
import com.videogenie.avatar.media.OutputFile;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Turns the request's outputUrl into a {@link RenderOutput}: a local file or an {@code s3://} object. */
public final class OutputTargets {
    private final FileAccess files;
    private final S3Access s3;
    private final WorkArea work;

    /** @param work lists each output in flight, for the clean-up after a killed process */
    public OutputTargets(FileAccess files, S3Access s3, WorkArea work) {
        this.files = files;
        this.s3 = s3;
        this.work = work;
    }

    /**
     * @param outputUrl as {@link OutputFile#prepare}, or {@code s3://bucket/prefix/} (gets
     *                  {@code <jobId>.mp4}) or {@code s3://bucket/key.mp4}
     */
    public RenderOutput prepare(String outputUrl, String jobId, JobFolder job) {
        if (!S3Location.isS3(outputUrl)) {
            return new LocalOutput(OutputFile.prepare(outputUrl, jobId, files), work.track());
        }
        S3Location location = s3Video(outputUrl, jobId);
        S3ObjectStore store = s3.store("outputUrl");
        store.checkBucket(location, "outputUrl");
        return new S3Output(store, location, job, work.track());
    }

    /**
     * The result a finished job stored where this outputUrl and jobId put the video (see
     * {@link RenderOutput#storeResult}), with fresh download links; empty when there is none, when it
     * is another job's, or when the video is gone.
     */
    public Optional<RenderResult> stored(String outputUrl, String jobId) {
        if (!S3Location.isS3(outputUrl)) {
            return LocalOutput.stored(OutputFile.locate(outputUrl, jobId, files), jobId);
        }
        return S3Output.stored(s3.store("outputUrl"), s3Video(outputUrl, jobId), jobId);
    }

    /**
     * A note kept beside the video this outputUrl and jobId name, as {@code <video><suffix>}
     * (see {@link JobNote}); nothing is read or written until it is used.
     *
     * @param suffix such as {@code .callback.json}: letters, digits, dots and dashes
     */
    public JobNote note(String outputUrl, String jobId, String suffix) {
        if (!suffix.matches("\\.[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("not a note suffix: " + suffix);
        }
        if (!S3Location.isS3(outputUrl)) {
            Path video = OutputFile.locate(outputUrl, jobId, files);
            return new LocalNote(video.resolveSibling(video.getFileName() + suffix), work);
        }
        S3Location video = s3Video(outputUrl, jobId);
        return new S3Note(s3.store("outputUrl"), new S3Location(video.bucket(), video.key() + suffix));
    }

    /**
     * Removes a finished job's local video and its stored result; a video in object storage stays
     * (the bucket is the caller's to manage).
     *
     * @return whether there was a local video to remove
     */
    public boolean discardLocal(RenderResult result) {
        if (result.outputUrl() == null || !result.outputUrl().startsWith("file:")) {
            return false;
        }
        LocalOutput.discard(Path.of(URI.create(result.outputUrl())));
        return true;
    }

    private static S3Location s3Video(String outputUrl, String jobId) {
        S3Location location = S3Location.parse(outputUrl, "outputUrl");
        if (location.isFolder()) {
            return location.resolve(jobId + ".mp4");
        }
        if (!location.key().endsWith(".mp4")) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "outputUrl must name an .mp4 object or a folder"
                    + " ending in '/': " + outputUrl);
        }
        return location;
    }
}
