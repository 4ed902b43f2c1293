package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.neural.NeuralSpec;
import com.videogenie.avatar.neural.TorchScriptModel;
import com.videogenie.avatar.render.FrameEnhancer;
import com.videogenie.avatar.render.Portrait;
import com.videogenie.avatar.render.StageOptions;
import java.util.List;

/**
 * A lip-sync network as a stage after the renderer ({@code mouth=wav2lip} or {@code diff2lip}): the
 * export loaded once per process, a {@link LipSyncPass} per job. It redraws the mouth from the
 * speech over whichever renderer drew the head (the CPU warp or FOMM), so the renderer draws the
 * mouth at rest for it.
 */
public final class LipSyncStage implements FrameEnhancer {
    /** Wav2Lip's pads give the chin 10 px on the ~250 px faces of its footage: 4% of the face's height. */
    static final double CHIN_PAD = 0.04;

    private interface NetworkFactory {
        LipSyncNetwork open(TorchScriptModel model, int batch, StageOptions options);
    }

    private final String name;
    private final TorchScriptModel model;
    private final NeuralSpec spec;
    private final int batch;
    private final NetworkFactory networks;

    private LipSyncStage(String name, TorchScriptModel model, NeuralSpec spec, int batch, NetworkFactory networks) {
        this.name = name;
        this.model = model;
        this.spec = spec;
        this.batch = batch;
        this.networks = networks;
    }

    /** Wav2Lip (96x96, one call a batch); LICENSE_NOT_ACCEPTED without the non-commercial opt-in. */
    public static LipSyncStage wav2lip(NeuralModels models) {
        return open("wav2lip", models, (model, batch, options) -> new Wav2LipNetwork(model, batch));
    }

    /** Diff2Lip (128x128, the request's diffusionSteps calls a batch); LICENSE_NOT_ACCEPTED without the opt-in. */
    public static LipSyncStage diff2lip(NeuralModels models) {
        return open("diff2lip", models,
                (model, batch, options) -> new Diff2LipSampler(model, batch, options.diffusionSteps(), options.seed()));
    }

    private static LipSyncStage open(String name, NeuralModels models, NetworkFactory networks) {
        TorchScriptModel model = TorchScriptModel.load(name, models.locate(name), models.settings());
        return new LipSyncStage(name, model, models.spec(name), models.settings().batch(), networks);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<NeuralSpec> models() {
        return List.of(spec);
    }

    /** Network calls since loading: batches, times the steps for Diff2Lip. */
    public long networkCalls() {
        return model.callsRun();
    }

    /** Frames through the network since loading (a frame counts once per call it is in). */
    public long networkFrames() {
        return model.framesRun();
    }

    /** Host-device copies since loading, for the benchmark. */
    public TorchScriptModel.Transfers transfers() {
        return model.transfers();
    }

    /** Where the network runs: {@code cpu} or {@code cuda:N}. */
    public String device() {
        return model.device().isGpu() ? "cuda:" + model.device().getDeviceId() : "cpu";
    }

    @Override
    public Pass prepare(Portrait portrait, StageOptions options) {
        LipSyncNetwork network = networks.open(model, batch, options);
        try {
            return new LipSyncPass(network, options.fps(), portrait.width(), portrait.height());
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
