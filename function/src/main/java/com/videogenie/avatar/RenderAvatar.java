package com.videogenie.avatar;

import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.face.OnnxFaceDetector;
import com.videogenie.avatar.face.OnnxFaceMesh;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.input.InputResolver;
import com.videogenie.avatar.live.IdleFill;
import com.videogenie.avatar.live.LiveOptions;
import com.videogenie.avatar.live.LiveSession;
import com.videogenie.avatar.live.LiveVideo;
import com.videogenie.avatar.media.AudioDecoder;
import com.videogenie.avatar.media.DriverVideoReader;
import com.videogenie.avatar.media.FfmpegVideoEncoder;
import com.videogenie.avatar.media.PhotoLoader;
import com.videogenie.avatar.media.VideoEncoder;
import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.motion.DriverTrack;
import com.videogenie.avatar.motion.MotionPlanner;
import com.videogenie.avatar.render.AudioWindow;
import com.videogenie.avatar.render.EnhancedRenderer;
import com.videogenie.avatar.render.FrameEnhancer;
import com.videogenie.avatar.render.FrameRenderer;
import com.videogenie.avatar.render.FrameStages;
import com.videogenie.avatar.render.Portrait;
import com.videogenie.avatar.render.PortraitFraming;
import com.videogenie.avatar.render.RenderBackends;
import com.videogenie.avatar.render.StageOptions;
import com.videogenie.avatar.render.warp.WarpBackend;
import com.videogenie.avatar.speech.AudioClip;
import com.videogenie.avatar.speech.FormantMouthAnimator;
import com.videogenie.avatar.speech.MouthAnimator;
import com.videogenie.avatar.speech.MouthTrack;
import com.videogenie.avatar.storage.JobFolder;
import com.videogenie.avatar.storage.JobNote;
import com.videogenie.avatar.storage.OutputTargets;
import com.videogenie.avatar.storage.RenderOutput;
import com.videogenie.avatar.storage.S3Access;
import com.videogenie.avatar.storage.WorkArea;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole product in one function: photo + speech in, lip-synced talking-head MP4 out.
 *
 * <p>Decode the photo and audio, find the face and its mesh, turn the audio into mouth motion, add
 * head motion and blinks, render and encode frame by frame, then move the finished file into
 * place. Models are loaded once, when this is created; {@code apply} may be called from several
 * threads at once. The request's {@code renderer} picks one of the {@link RenderBackends}.
 */
public final class RenderAvatar implements Function<RenderRequest, RenderResult>, AutoCloseable {
    /** Audio is analysed at 16 kHz mono: all speech formants lie below 8 kHz. */
    static final int ANALYSIS_RATE = AudioWindow.SAMPLE_RATE;
    /** Below this, photo pixels per output pixel, the face is enlarged enough to look soft. */
    private static final double SOFT_UPSCALE = 0.6;
    /** The face stage's models: BlazeFace finds the face, MediaPipe's Face Mesh fits its 468 points. */
    private static final String FACE_STAGE = "blazeface+face-mesh";

    private final RenderSettings settings;
    private final FaceLocator faces;
    private final MouthAnimator mouthAnimator;
    private final RenderBackends backends;
    private final FrameStages stages;
    private final List<FrameEnhancer> enhancers;
    private final VideoEncoder.Factory encoders;
    private final AutoCloseable[] owned;
    private final S3Access s3;
    private final InputResolver inputs;
    private final OutputTargets outputs;
    private final WorkArea work;

    /** @param owned closed with this renderer: the models behind {@code faces} and {@code backends} */
    public RenderAvatar(RenderSettings settings, FaceLocator faces, MouthAnimator mouthAnimator,
                        RenderBackends backends, VideoEncoder.Factory encoders, AutoCloseable... owned) {
        this(settings, faces, mouthAnimator, backends, FrameStages.none(), List.of(), encoders, owned);
    }

    private RenderAvatar(RenderSettings settings, FaceLocator faces, MouthAnimator mouthAnimator,
                         RenderBackends backends, FrameStages stages, List<FrameEnhancer> enhancers,
                         VideoEncoder.Factory encoders, AutoCloseable... owned) {
        this.settings = settings;
        this.faces = faces;
        this.mouthAnimator = mouthAnimator;
        this.backends = backends;
        this.stages = stages;
        this.enhancers = List.copyOf(enhancers);
        this.encoders = encoders;
        this.owned = owned.clone();
        this.s3 = new S3Access(settings.storage().s3());
        this.inputs = new InputResolver(settings.files(), settings.storage().http(), s3);
        // Claiming the work folder first clears what killed processes left there (see WorkArea).
        this.work = WorkArea.of(settings.storage().workDir(), s3);
        this.outputs = new OutputTargets(settings.files(), s3, work);
    }

    /**
     * Loads the face models through the registry (see models/README.md) and every
     * render backend on the class path, with the CPU warp as the fallback.
     */
    public static RenderAvatar create(RenderSettings settings, ModelRegistry models) {
        RenderBackends backends = RenderBackends.load(new WarpBackend(), models);
        FrameStages stages;
        try {
            stages = FrameStages.load(models);
        } catch (RuntimeException e) {
            backends.close();
            throw e;
        }
        return create(settings, models, backends, stages);
    }

    /** Loads the face models through the registry and renders with the given backends and no extra stages. */
    public static RenderAvatar create(RenderSettings settings, ModelRegistry models, RenderBackends backends) {
        return create(settings, models, backends, FrameStages.none());
    }

    /**
     * Loads the face models through the registry and renders with the given backends and stages,
     * which the renderer then owns: they are closed with it, or at once if the face models fail to load.
     */
    public static RenderAvatar create(RenderSettings settings, ModelRegistry models, RenderBackends backends,
                                      FrameStages stages) {
        OnnxFaceDetector detector;
        OnnxFaceMesh mesh;
        try {
            detector = new OnnxFaceDetector(models.resolve("face_detector_short"), models.resolve("face_detector_full"));
        } catch (RuntimeException e) {
            backends.close();
            stages.close();
            throw e;
        }
        try {
            mesh = new OnnxFaceMesh(models.resolve("face_mesh"));
        } catch (RuntimeException e) {
            detector.close();
            backends.close();
            stages.close();
            throw e;
        }
        return new RenderAvatar(settings, new FaceLocator(detector, mesh), new FormantMouthAnimator(), backends,
                stages, List.of(), FfmpegVideoEncoder::open, detector, mesh, backends, stages);
    }

    /** What each renderer loaded, with its networks' licences, or why it could not: for the start-up log. */
    public List<String> renderersReport() {
        List<String> lines = new ArrayList<>(backends.report());
        lines.addAll(stages.report());
        return lines;
    }

    /**
     * A renderer sharing these loaded models under other settings, such as a service's warm-up with
     * its own files; closing it leaves the models open.
     */
    public RenderAvatar withSettings(RenderSettings other) {
        return new RenderAvatar(other, faces, mouthAnimator, backends, stages, enhancers, encoders);
    }

    /**
     * A renderer sharing these loaded models that runs the given enhancers, in order, on every frame
     * after the renderer, in file renders and live sessions; closing it leaves the models open (and
     * the enhancers: their owner closes them).
     */
    public RenderAvatar withEnhancers(List<FrameEnhancer> chain) {
        return new RenderAvatar(settings, faces, mouthAnimator, backends, stages, chain, encoders);
    }

    /**
     * A scratch folder in this process's part of the work folder, for an adapter's own files (such
     * as a warm-up's): a process killed while using it has it removed at the next start.
     */
    public JobFolder jobFolder(String jobId) {
        return new JobFolder(work.jobs(), jobId);
    }

    /** The render backends loaded, and those that could not be, for the start-up report. */
    public RenderBackends backends() {
        return backends;
    }

    /**
     * The result of an earlier render of this job, read from beside its video, when the storage keeps
     * results ({@link com.videogenie.avatar.StorageSettings#storeResults}) and the request names
     * a jobId: a repeated request, on any process, need not render again. Download links are fresh.
     * Only the jobId and the output location are compared: a jobId is an idempotency key.
     */
    public Optional<RenderResult> stored(RenderRequest request) {
        if (!settings.storage().storeResults() || request.jobId() == null) {
            return Optional.empty();
        }
        return outputs.stored(request.outputUrl(), request.jobId());
    }

    /**
     * Removes a finished job's local video and the result stored beside it (see
     * {@link OutputTargets#discardLocal}); a video in object storage stays.
     *
     * @return whether there was a local video to remove
     */
    public boolean discard(RenderResult result) {
        return outputs.discardLocal(result);
    }

    /**
     * A note kept beside this job's video (see {@link JobNote}), when the storage keeps results and
     * the request names a jobId; such as a callback a stopping pod still owes.
     */
    public Optional<JobNote> note(RenderRequest request, String suffix) {
        if (!settings.storage().storeResults() || request.jobId() == null) {
            return Optional.empty();
        }
        return Optional.of(outputs.note(request.outputUrl(), request.jobId(), suffix));
    }

    /**
     * Refuses, before any work, a request naming a renderer, mouth or enhancer this process cannot
     * run (INVALID_REQUEST, MODEL_UNAVAILABLE, LICENSE_NOT_ACCEPTED): for a queue that answers before
     * it renders. A render makes the same choice again.
     */
    public void checkChoices(RenderRequest request) {
        backends.choose(request.renderer());
        stages.choose(request.mouth(), request.enhance());
    }

    /** Where the face is in a photo: the photo's size, the largest face's box in its pixels, and how many faces it shows. */
    public record FoundFace(int imageWidth, int imageHeight, int x, int y, int width, int height, int faces) {
    }

    /**
     * Finds the face a render of this photo would animate, for a preview before rendering: one
     * decode, detection and mesh fit (tens of milliseconds).
     *
     * @throws AvatarException UNREADABLE_IMAGE, IMAGE_TOO_LARGE or NO_FACE_DETECTED, as a render would
     */
    public FoundFace findFace(byte[] image) {
        RgbImage photo = PhotoLoader.decode(image, "the uploaded image");
        FaceLocator.LocatedFace face = faces.locate(photo);
        var box = face.detection();
        int x = (int) Math.max(0, Math.floor(box.x()));
        int y = (int) Math.max(0, Math.floor(box.y()));
        return new FoundFace(photo.width(), photo.height(), x, y,
                (int) Math.min(photo.width() - x, Math.round(box.width())),
                (int) Math.min(photo.height() - y, Math.round(box.height())), face.facesFound());
    }

    /**
     * Prepares a live session: the photo is read (under the same rules as a render's avatarUrl) and
     * its face found once, with the models this renderer loaded; the session then draws frames as
     * speech arrives. Cheap enough to call per connection: one face detection and mesh fit.
     */
    public LiveSession openLive(LiveOptions options, LiveSession.FrameSink sink) {
        long seed = seedOrRandom(options.seed());
        try {
            RgbImage photo;
            if (options.avatarUrl() == null) {
                photo = PhotoLoader.decode(options.image(), "the uploaded image");
            } else {
                try (JobFolder job = new JobFolder(work.jobs(), JobId.generate("live"))) {
                    photo = PhotoLoader.load(inputs.resolve(options.avatarUrl(), "avatarUrl", job));
                }
            }
            FaceLocator.LocatedFace face = faces.locate(photo);
            RenderBackends.Choice backend = backends.choose(options.renderer());
            Portrait portrait = PortraitFraming.frame(photo, face.landmarks(), options.width(), options.height());
            FrameRenderer renderer = EnhancedRenderer.of(backend.backend().prepare(portrait), enhancers, portrait,
                    StageOptions.of(options.fps(), seed));
            return new LiveSession(options, seed, renderer, mouthAnimator, sink);
        } catch (AvatarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AvatarException(ErrorCode.INTERNAL_ERROR, "Preparing the live session failed: " + e, e);
        }
    }

    /**
     * A live stream: the session of {@link #openLive} encoded into fragments as it is drawn, with
     * its status events; what every live adapter (WebSocket, warm-up) runs.
     *
     * @param idle silence drawn when the client's audio pauses; null for video only while audio comes
     */
    public LiveVideo streamLive(LiveOptions options, IdleFill idle, LiveVideo.Events events) {
        return streamLive(options, idle, false, events);
    }

    /** As {@link #streamLive(LiveOptions, IdleFill, LiveVideo.Events)}; {@code withSound} adds the sound as AAC. */
    public LiveVideo streamLive(LiveOptions options, IdleFill idle, boolean withSound, LiveVideo.Events events) {
        return LiveVideo.start(sink -> openLive(options, sink), options, idle, withSound, events);
    }

    @Override
    public RenderResult apply(RenderRequest request) {
        return render(request, RenderProgress.NONE);
    }

    public RenderResult render(RenderRequest request, RenderProgress progress) {
        String jobId = request.jobId() != null ? request.jobId() : JobId.generate();
        long seed = seedOrRandom(request.seed());
        Stopwatch clock = new Stopwatch();

        // Downloads and staged outputs live in the job folder, deleted however the job ends.
        try (JobFolder job = new JobFolder(work.jobs(), jobId)) {
            return render(request, jobId, seed, job, clock, progress);
        }
    }

    private RenderResult render(RenderRequest request, String jobId, long seed, JobFolder job, Stopwatch clock,
                                RenderProgress progress) {
        List<String> warnings = new ArrayList<>();
        RenderBackends.Choice backend = backends.choose(request.renderer());
        if (backend.warning() != null) {
            warnings.add(backend.warning());
        }
        FrameStages.Choice chosen = stages.choose(request.mouth(), request.enhance());
        Path photoFile = inputs.resolve(request.avatarUrl(), "avatarUrl", job);
        Path audioFile = inputs.resolve(request.audioUrl(), "audioUrl", job);
        Path driverFile = request.driverVideoUrl() == null ? null
                : inputs.resolve(request.driverVideoUrl(), "driverVideoUrl", job);
        try (RenderOutput output = outputs.prepare(request.outputUrl(), jobId, job)) {
            RgbImage photo = PhotoLoader.load(photoFile);
            AudioDecoder.Decoded decoded = AudioDecoder.decode(audioFile, ANALYSIS_RATE, settings.maxAudioSeconds());
            AudioDecoder.SourceFormat audioFormat = decoded.source();
            AudioClip clip = decoded.clip();
            decoded = null;
            clock.lap("decode");

            FaceLocator.LocatedFace face = faces.locate(photo);
            if (face.facesFound() > 1) {
                warnings.add("The photo shows " + face.facesFound() + " faces; the largest one is animated.");
            }
            clock.lap("face");

            int fps = request.fps();
            int frames = clip.frameCount(fps);
            MouthTrack mouth = mouthAnimator.animate(clip, fps, frames);
            if (isSilent(mouth)) {
                warnings.add("The audio has no speech loud enough to animate; the mouth stays closed.");
            }
            clock.lap("speech");

            Portrait portrait = PortraitFraming.frame(photo, face.landmarks(), request.width(), request.height());
            if (portrait.sourceScale() < SOFT_UPSCALE) {
                warnings.add(String.format("The face is small in the photo and is enlarged %.1fx; the video may look soft."
                        + " A larger photo of the face gives a sharper result.", 1 / portrait.sourceScale()));
            }
            MotionPlanner motion;
            // A lip-sync network redraws the mouth from the speech over a renderer that keeps it at rest.
            if (chosen.neuralMouth()) {
                mouth = mouth.atRest();
            }
            if (driverFile != null) {
                motion = new MotionPlanner(mouth, readDriver(driverFile, fps, frames), seed, fps);
                clock.lap("driver");
            } else {
                motion = new MotionPlanner(mouth, seed, fps);
            }
            String codec;
            String rendererName;
            FramePipeline.Timing timing;
            List<FrameEnhancer> chain = new ArrayList<>(chosen.chain());
            chain.addAll(enhancers);
            try (FrameRenderer renderer = EnhancedRenderer.of(backend.backend().prepare(portrait), chain, portrait,
                    new StageOptions(fps, seed, request.diffusionSteps(), clip.samples()))) {
                rendererName = renderer.name();
                // A renderer that ignores the sound lets the frame loop run without it (38 MB per 10 min).
                float[] speech = renderer.audioSpan().isEmpty() ? null : clip.samples();
                clip = null;
                clock.lap("prepare");
                try (VideoEncoder encoder = encoders.open(output.temporary(), request.width(), request.height(), fps,
                        audioFile, audioFormat, settings.encoder())) {
                    codec = encoder.codec();
                    timing = FramePipeline.run(motion, speech, fps, renderer, encoder, request.width(),
                            request.height(), progress);
                    encoder.finish();
                }
            }
            // The last cancellation check comes before the commit: a job reported cancelled publishes nothing.
            clock.lap("frames");
            output.commit();

            Map<String, Long> timings = new LinkedHashMap<>(clock.laps());
            timings.put("render", timing.renderNanos() / 1_000_000);
            timings.put("encode", timing.encodeNanos() / 1_000_000);
            timings.put("total", clock.total());
            Map<String, String> ran = new LinkedHashMap<>();
            ran.put("face", FACE_STAGE);
            ran.put("motion", driverFile != null ? RenderRequest.DRIVER_MOTION : RenderRequest.IDLE_MOTION);
            ran.put("mouth", chosen.neuralMouth() ? chosen.mouth() : mouthAnimator.name());
            ran.put("render", rendererName);
            List<String> enhanced = new ArrayList<>();
            if (chosen.enhance() != null) {
                enhanced.add(chosen.enhance());
            }
            enhancers.forEach(enhancer -> enhanced.add(enhancer.name()));
            if (!enhanced.isEmpty()) {
                ran.put("enhance", String.join("+", enhanced));
            }
            ran.put("encode", codec);
            RenderResult result = new RenderResult(jobId, output.url(), frames / (double) fps, frames, request.width(),
                    request.height(), fps, seed, timings, rendererName, ran, codec, warnings, output.downloadUrl(),
                    output.posterUrl());
            if (settings.storage().storeResults()) {
                output.storeResult(result);
            }
            return result;
        } catch (AvatarException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AvatarException(ErrorCode.INTERNAL_ERROR, "The render failed unexpectedly: " + e, e);
        }
    }

    /**
     * The driver video's motion, one sample per output frame: the face mesh fitted on every sample,
     * read in order through one reused frame (a long driver costs no memory beyond its track).
     */
    private DriverTrack readDriver(Path file, int fps, int frames) {
        DriverTrack.Builder track = new DriverTrack.Builder();
        DriverVideoReader.read(file, fps, frames, settings.maxAudioSeconds(),
                (image, sample) -> track.add(faces.find(image).map(FaceLocator.LocatedFace::landmarks).orElse(null)));
        return track.build();
    }

    /** The caller's seed, or a fresh one small enough to survive a JSON number round trip (53 bits). */
    private static long seedOrRandom(Long seed) {
        return seed != null ? seed : new SecureRandom().nextLong() >>> 11;
    }

    private static boolean isSilent(MouthTrack mouth) {
        for (int i = 0; i < mouth.frameCount(); i++) {
            if (mouth.pose(i).effectiveOpen() > 0.05f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        s3.close();
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception ignored) {
                // Closing native model sessions at shutdown; nothing left to protect.
            }
        }
    }

    /** Wall-clock laps in milliseconds, in the order taken. */
    private static final class Stopwatch {
        private final long start = System.nanoTime();
        private long last = start;
        private final Map<String, Long> laps = new LinkedHashMap<>();

        /** Ends a stage; also where a cancelled job stops, so cancelling never waits for the frames. */
        void lap(String name) {
            long now = System.nanoTime();
            laps.put(name, (now - last) / 1_000_000);
            last = now;
            if (Thread.currentThread().isInterrupted()) {
                throw AvatarException.cancelled();
            }
        }

        Map<String, Long> laps() {
            return laps;
        }

        long total() {
            return (System.nanoTime() - start) / 1_000_000;
        }
    }
}
