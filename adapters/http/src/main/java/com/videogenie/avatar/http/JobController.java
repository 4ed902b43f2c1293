package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.JobId;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.media.PosterFrame;
import com.videogenie.avatar.storage.JobFolder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The asynchronous render routes: {@code POST /jobs} takes a RenderRequest (JSON) or uploaded files
 * (multipart) and answers 202 at once; {@code GET /jobs/{id}} (and its {@code /events} stream) says
 * where the job stands; {@code /video} and {@code /poster} serve the finished files; {@code DELETE}
 * cancels or removes the job. Errors have the JSON route's body ({@link JsonErrors}).
 */
@RestController
class JobController {
    /** RenderRequest fields a form may carry as text parts: whole numbers, and strings. */
    private static final Set<String> NUMBER_FIELDS = Set.of("width", "height", "fps", "seed", "diffusionSteps");
    private static final Set<String> TEXT_FIELDS = Set.of("jobId", "renderer", "motion", "mouth", "enhance",
            "callbackUrl", "outputUrl", "avatarUrl", "audioUrl", "driverVideoUrl");
    private static final long EVENT_POLL_MILLIS = 100;

    private final RenderJobs jobs;
    private final ServiceSettings settings;
    private final JobSettings jobSettings;
    private final JsonMapper json;
    private final ScheduledExecutorService events =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("avatar-job-events"));

    JobController(RenderJobs jobs, ServiceSettings settings, JobSettings jobSettings, JsonMapper json) {
        this.jobs = jobs;
        this.settings = settings;
        this.jobSettings = jobSettings;
        this.json = json;
    }

    @PostMapping("/jobs")
    ResponseEntity<RenderJob.Status> submit(HttpServletRequest http) throws IOException {
        String type = http.getContentType() == null ? "" : http.getContentType().toLowerCase(Locale.ROOT);
        RenderJob job;
        if (type.startsWith("multipart/form-data")) {
            job = submitUploads(http);
        } else if (type.startsWith("application/json") || type.matches("application/[a-z0-9.+-]*\\+json.*")) {
            byte[] body = http.getInputStream().readNBytes((int) settings.maxRequestBytes() + 1);
            if (body.length > settings.maxRequestBytes()) {
                throw new AvatarException(ErrorCode.REQUEST_TOO_LARGE, "The request body is over "
                        + settings.maxRequestBytes() / 1024 + " KB (AVATAR_MAX_REQUEST_KB); upload files as multipart.");
            }
            RenderRequest request = RenderJobs.withJobId(RenderRequestJson.read(body));
            job = jobs.submit(request, jobs.newFolder(request.jobId()), null);
        } else {
            throw new AvatarException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "POST /jobs reads application/json (a"
                    + " RenderRequest) or multipart/form-data (photo and audio files), got "
                    + (type.isEmpty() ? "no Content-Type" : type) + ".");
        }
        RenderJob.Status status = job.status();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(status.links().self())).body(status);
    }

    /** The files go into the job's folder; the other fields are read as a RenderRequest's, strictly. */
    private RenderJob submitUploads(HttpServletRequest http) throws IOException {
        ObjectNode fields = json.createObjectNode();
        Part photo = null;
        Part audio = null;
        try {
            for (Part part : http.getParts()) {
                String name = part.getName();
                if (name.equals("photo") && part.getSubmittedFileName() != null) {
                    photo = part;
                } else if (name.equals("audio") && part.getSubmittedFileName() != null) {
                    audio = part;
                } else if ((NUMBER_FIELDS.contains(name) || TEXT_FIELDS.contains(name)) && part.getSubmittedFileName() == null) {
                    String value = new String(part.getInputStream().readNBytes(4097), StandardCharsets.UTF_8);
                    if (value.length() > 4096) {
                        throw new AvatarException(ErrorCode.INVALID_REQUEST, name + " is longer than 4096 characters");
                    }
                    putField(fields, name, value.strip());
                } else {
                    throw new AvatarException(ErrorCode.INVALID_REQUEST, "Unexpected form part '" + name
                            + "': send the files as photo and audio, and RenderRequest fields as text");
                }
            }
        } catch (ServletException e) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "The multipart body cannot be read: " + e.getMessage());
        }
        if (photo == null && !fields.has("avatarUrl") || audio == null && !fields.has("audioUrl")) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "Upload the photo (form file 'photo') and the speech"
                    + " (form file 'audio'), or give avatarUrl and audioUrl.");
        }
        String jobId = fields.has("jobId") ? fields.get("jobId").asString() : JobId.generate();
        if (!JobId.isValid(jobId)) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "jobId must match " + JobId.RULE);
        }
        fields.put("jobId", jobId);
        JobFolder folder = jobs.newFolder(jobId);
        Path uploads = null;
        try {
            if (photo != null) {
                Path file = save(photo, folder, "photo");
                fields.put("avatarUrl", file.toString());
                uploads = file.getParent();
            }
            if (audio != null) {
                Path file = save(audio, folder, "audio");
                fields.put("audioUrl", file.toString());
                uploads = file.getParent();
            }
            RenderRequest request = RenderRequestJson.read(json.writeValueAsBytes(fields));
            return jobs.submit(request, folder, uploads);
        } catch (RuntimeException | IOException e) {
            folder.close();
            throw e;
        }
    }

    /** A form value into the request JSON, as the type the strict reader expects for that field. */
    private static void putField(ObjectNode fields, String name, String value) {
        if (!NUMBER_FIELDS.contains(name)) {
            fields.put(name, value);
            return;
        }
        try {
            fields.put(name, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, name + " must be a whole number, not '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'");
        }
    }

    /** Copies an upload into the job folder, keeping a safe extension so decoders can guess the format. */
    private Path save(Part part, JobFolder folder, String name) throws IOException {
        if (part.getSize() > jobSettings.maxUploadBytes()) {
            throw new AvatarException(ErrorCode.REQUEST_TOO_LARGE, "The " + name + " file is over "
                    + (jobSettings.maxUploadBytes() >> 20) + " MB (AVATAR_MAX_UPLOAD_MB).");
        }
        if (part.getSize() == 0) {
            throw new AvatarException(ErrorCode.INVALID_REQUEST, "The " + name + " file is empty.");
        }
        String submitted = part.getSubmittedFileName();
        int dot = submitted.lastIndexOf('.');
        String extension = dot < 0 ? "" : submitted.substring(dot).toLowerCase(Locale.ROOT);
        Path file = folder.newFile(name, extension.matches("\\.[a-z0-9]{1,5}") ? extension : "");
        try (InputStream in = part.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
        }
        return file;
    }

    @GetMapping("/jobs/{jobId}")
    RenderJob.Status status(@PathVariable("jobId") String jobId) {
        return job(jobId).status();
    }

    /** Server-Sent Events: the status now, one {@code progress} event per change, and one at the end. */
    @GetMapping(path = "/jobs/{jobId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> events(@PathVariable("jobId") String jobId) throws IOException {
        RenderJob job = jobs.find(jobId).orElse(null);
        SseEmitter emitter = new SseEmitter(0L);
        if (job == null) {
            // An event stream cannot carry the JSON error body: the error goes as its one event.
            emitter.send(SseEmitter.event().name("error").data(json.writeValueAsString(
                    new JsonErrors.Body(Failure.of(unknown(jobId), jobId))), MediaType.APPLICATION_JSON));
            emitter.complete();
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(emitter);
        }
        AtomicReference<String> last = new AtomicReference<>();
        AtomicReference<ScheduledFuture<?>> poll = new AtomicReference<>();
        // Polled rather than pushed from the render thread, so a slow reader never slows a render.
        poll.set(events.scheduleWithFixedDelay(() -> {
            try {
                RenderJob.Status status = job.status();
                String payload = json.writeValueAsString(status);
                boolean finished = job.state().finished() && status.finishedAt() != null;
                if (!payload.equals(last.get())) {
                    last.set(payload);
                    emitter.send(SseEmitter.event().name(finished ? status.state() : "progress")
                            .data(payload, MediaType.APPLICATION_JSON));
                }
                if (finished) {
                    emitter.complete();
                    poll.get().cancel(false);
                }
            } catch (IOException | RuntimeException e) {
                emitter.completeWithError(e);
                ScheduledFuture<?> self = poll.get();
                if (self != null) {
                    self.cancel(false);
                }
            }
        }, 0, EVENT_POLL_MILLIS, TimeUnit.MILLISECONDS));
        emitter.onCompletion(() -> poll.get().cancel(false));
        emitter.onTimeout(() -> poll.get().cancel(false));
        return ResponseEntity.ok(emitter);
    }

    /** The finished video, with Range support (206) for players that seek; an S3 video redirects to its link. */
    @GetMapping("/jobs/{jobId}/video")
    ResponseEntity<Resource> video(@PathVariable("jobId") String jobId) {
        RenderResult result = finished(job(jobId));
        if (!result.outputUrl().startsWith("file:")) {
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(result.downloadUrl())).build();
        }
        Path video = Path.of(URI.create(result.outputUrl()));
        if (!Files.isRegularFile(video)) {
            throw new AvatarException(ErrorCode.NOT_FOUND, "The video of job " + jobId + " is gone.");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("video/mp4"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + jobId + ".mp4\"")
                .body(new FileSystemResource(video));
    }

    /** A JPEG of the video's first frame, made on first request and kept in the job's folder. */
    @GetMapping("/jobs/{jobId}/poster")
    ResponseEntity<Resource> poster(@PathVariable("jobId") String jobId) {
        RenderJob job = job(jobId);
        RenderResult result = finished(job);
        if (!result.outputUrl().startsWith("file:")) {
            return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(result.posterUrl())).build();
        }
        Path poster;
        synchronized (job) {
            poster = job.poster();
            if (poster == null) {
                poster = job.folder().newFile("poster", ".jpg");
                PosterFrame.write(Path.of(URI.create(result.outputUrl())), poster);
                job.poster(poster);
            }
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).body(new FileSystemResource(poster));
    }

    @DeleteMapping("/jobs/{jobId}")
    RenderJob.Status delete(@PathVariable("jobId") String jobId) {
        return jobs.delete(jobId).orElseThrow(() -> unknown(jobId)).status();
    }

    private RenderJob job(String jobId) {
        return jobs.find(jobId).orElseThrow(() -> unknown(jobId));
    }

    private static RenderResult finished(RenderJob job) {
        RenderResult result = job.result();
        if (job.state() != RenderJob.State.COMPLETED || result == null) {
            throw new AvatarException(ErrorCode.NOT_FINISHED, "Job " + job.id() + " is " + job.state().wire()
                    + "; its video is served once it has completed.");
        }
        return result;
    }

    private static AvatarException unknown(String jobId) {
        return new AvatarException(ErrorCode.NOT_FOUND, "There is no job " + (JobId.isValid(jobId) ? jobId : "of that id")
                + " (finished jobs are kept for AVATAR_JOB_RETENTION_MINUTES).");
    }
}
