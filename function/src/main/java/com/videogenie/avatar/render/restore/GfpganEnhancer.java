package com.videogenie.avatar.render.restore;

import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.neural.NeuralSpec;
import com.videogenie.avatar.neural.TorchScriptModel;
import com.videogenie.avatar.render.FrameEnhancer;
import com.videogenie.avatar.render.Portrait;
import com.videogenie.avatar.render.StageOptions;
import java.util.List;

/**
 * GFPGAN v1.4 face restoration as {@code enhance=gfpgan}: the export loaded once per process, a
 * {@link GfpganPass} per job, after the renderer and the mouth stage, in file renders and live sessions.
 * Its weights' commercial use is unclear (Apache-2.0 with NVIDIA non-commercial StyleGAN2 parts), so it
 * loads only with the non-commercial opt-in.
 */
public final class GfpganEnhancer implements FrameEnhancer {
    public static final String NAME = "gfpgan";

    private final TorchScriptModel model;
    private final NeuralSpec spec;
    private final int batch;

    private GfpganEnhancer(TorchScriptModel model, NeuralSpec spec, int batch) {
        this.model = model;
        this.spec = spec;
        this.batch = batch;
    }

    /** LICENSE_NOT_ACCEPTED without the opt-in; MODEL_UNAVAILABLE or MODEL_CHECKSUM_MISMATCH for the export. */
    public static GfpganEnhancer open(NeuralModels models) {
        TorchScriptModel model = TorchScriptModel.load(NAME, models.locate(NAME), models.settings());
        return new GfpganEnhancer(model, models.spec(NAME), models.settings().batch());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<NeuralSpec> models() {
        return List.of(spec);
    }

    /** Network calls since loading (one per batch). */
    public long networkCalls() {
        return model.callsRun();
    }

    /** Faces restored since loading. */
    public long faces() {
        return model.framesRun();
    }

    public TorchScriptModel.Transfers transfers() {
        return model.transfers();
    }

    public String device() {
        return model.device().isGpu() ? "cuda:" + model.device().getDeviceId() : "cpu";
    }

    @Override
    public Pass prepare(Portrait portrait, StageOptions options) {
        return new GfpganPass(model, batch, portrait.width(), portrait.height());
    }

    @Override
    public void close() {
        model.close();
    }
}
