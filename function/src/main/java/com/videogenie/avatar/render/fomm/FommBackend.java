package com.videogenie.avatar.render.fomm;

import com.videogenie.avatar.image.ImageOps;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.neural.NeuralSpec;
import com.videogenie.avatar.neural.TorchScriptModel;
import com.videogenie.avatar.render.FrameRenderer;
import com.videogenie.avatar.render.Portrait;
import com.videogenie.avatar.render.RenderBackend;
import com.videogenie.avatar.render.warp.WarpBackend;
import java.util.List;

/**
 * The First Order Motion Model (vox-256) as a backend: its keypoint detector and generator loaded
 * once per process from the mounted exports. Without a driving video, the motion FOMM transfers is
 * the CPU renderer's (head, blinks, mouth from the speech), drawn first as the driving frame; FOMM
 * then redraws the face from the photo with the network's own appearance model.
 */
public final class FommBackend implements RenderBackend {
    public static final String NAME = "fomm";
    static final String DETECTOR = "fomm_kp_detector";
    static final String GENERATOR = "fomm_generator";

    private final TorchScriptModel detector;
    private final TorchScriptModel generator;
    private final List<NeuralSpec> specs;
    private final int batch;
    private final WarpBackend driver = new WarpBackend();

    private FommBackend(TorchScriptModel detector, TorchScriptModel generator, List<NeuralSpec> specs, int batch) {
        this.detector = detector;
        this.generator = generator;
        this.specs = specs;
        this.batch = batch;
    }

    /** Loads both networks; MODEL_UNAVAILABLE (or MODEL_CHECKSUM_MISMATCH) when they are missing or refused. */
    public static FommBackend open(NeuralModels models) {
        var detectorFile = models.locate(DETECTOR);
        var generatorFile = models.locate(GENERATOR);
        TorchScriptModel detector = TorchScriptModel.load(DETECTOR, detectorFile, models.settings());
        try {
            TorchScriptModel generator = TorchScriptModel.load(GENERATOR, generatorFile, models.settings());
            return new FommBackend(detector, generator, List.of(models.spec(DETECTOR), models.spec(GENERATOR)),
                    models.settings().batch());
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean automatic() {
        return true;
    }

    @Override
    public List<NeuralSpec> models() {
        return specs;
    }

    /** Where the networks run: {@code cpu} or {@code cuda:N}. */
    public String device() {
        return detector.device().isGpu() ? "cuda:" + detector.device().getDeviceId() : "cpu";
    }

    /** Frames the keypoint detector has run since loading (the photo's crop counts as one per job). */
    public long detectorFrames() {
        return detector.framesRun();
    }

    /** Frames the generator has drawn since loading. */
    public long generatorFrames() {
        return generator.framesRun();
    }

    @Override
    public FrameRenderer prepare(Portrait portrait) {
        FaceCrop crop = FaceCrop.around(portrait.landmarks(), portrait.margin(), portrait.width(), portrait.height());
        RgbImage rest = ImageOps.crop(portrait.canvas(), portrait.margin(), portrait.margin(),
                portrait.width(), portrait.height());
        FommAnimator animator = new FommAnimator(detector, generator, rest, crop, batch);
        try {
            return new FommFrameRenderer(driver.prepare(portrait), animator, batch);
        } catch (RuntimeException e) {
            animator.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            detector.close();
        } finally {
            generator.close();
        }
    }
}
