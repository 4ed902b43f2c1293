package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.neural.NeuralSpec;
import com.videogenie.avatar.neural.TorchScriptModel;
import com.videogenie.avatar.render.FrameEnhancer;
import com.videogenie.avatar.render.Portrait;
import com.videogenie.avatar.render.StageOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lip-sync network as a stage after the renderer ({@code mouth=wav2lip}, {@code diff2lip} or
 * {@code musetalk}): the exports loaded once per process, a {@link LipSyncPass} per job. It redraws the mouth from the
 * speech over whichever renderer drew the head (the CPU warp or FOMM), so the renderer draws the
 * mouth at rest for it.
 */
public final class LipSyncStage implements FrameEnhancer {
    /** Wav2Lip's pads give the chin 10 px on the ~250 px faces of its footage: 4% of the face's height. */
    static final double CHIN_PAD = 0.04;
    static final String MUSETALK_WHISPER = "musetalk_whisper";
    static final String MUSETALK_VAE_ENCODER = "musetalk_vae_encoder";
    static final String MUSETALK_UNET = "musetalk_unet";
    static final String MUSETALK_VAE_DECODER = "musetalk_vae_decoder";

    private interface NetworkFactory {
        /** {@code loaded} are the stage's networks in the order it named them. */
        LipSyncNetwork open(List<TorchScriptModel> loaded, int batch, StageOptions options);
    }

    private final String name;
    private final List<TorchScriptModel> loaded;
    private final TorchScriptModel counted;
    private final List<NeuralSpec> specs;
    private final int batch;
    private final NetworkFactory networks;

    private LipSyncStage(String name, List<TorchScriptModel> loaded, TorchScriptModel counted, List<NeuralSpec> specs,
                         int batch, NetworkFactory networks) {
        this.name = name;
        this.loaded = loaded;
        this.counted = counted;
        this.specs = specs;
        this.batch = batch;
        this.networks = networks;
    }

    /** Wav2Lip (96x96, one call a batch); LICENSE_NOT_ACCEPTED without the non-commercial opt-in. */
    public static LipSyncStage wav2lip(NeuralModels models) {
        return open("wav2lip", List.of("wav2lip"), 0, models,
                (loaded, batch, options) -> new Wav2LipNetwork(loaded.get(0), batch, options.fps()));
    }

    /** Diff2Lip (128x128, the request's diffusionSteps calls a batch); LICENSE_NOT_ACCEPTED without the opt-in. */
    public static LipSyncStage diff2lip(NeuralModels models) {
        return open("diff2lip", List.of("diff2lip"), 0, models,
                (loaded, batch, options) -> new Diff2LipSampler(loaded.get(0), batch, options.diffusionSteps(),
                        options.seed(), options.fps()));
    }

    /**
     * MuseTalk 1.5 (256x256; whisper-tiny's encoder once per 30 s of speech, then the VAE encoder, the
     * UNet and the VAE decoder once a batch); weights usable commercially. It needs the whole speech,
     * so it runs in file renders, not live sessions.
     */
    public static LipSyncStage musetalk(NeuralModels models) {
        return open("musetalk", List.of(MUSETALK_WHISPER, MUSETALK_VAE_ENCODER, MUSETALK_UNET, MUSETALK_VAE_DECODER), 2,
                models, (loaded, batch, options) -> {
                    if (options.speech() == null) {
                        throw new AvatarException(ErrorCode.INVALID_REQUEST, "mouth musetalk listens to the whole"
                                + " speech at once (whisper's 30 s segments), so it renders files, not live sessions.");
                    }
                    return new MuseTalkNetwork(loaded.get(1), loaded.get(2), loaded.get(3),
                            new WhisperChunks(loaded.get(0), options.speech(), options.fps()), batch);
                });
    }

    /** Loads every network (all located first, so a missing one loads none); {@code counted} indexes the main one. */
    private static LipSyncStage open(String name, List<String> networks, int counted, NeuralModels models,
                                     NetworkFactory factory) {
        List<Path> files = new ArrayList<>();
        for (String network : networks) {
            files.add(models.locate(network));
        }
        List<TorchScriptModel> loaded = new ArrayList<>();
        List<NeuralSpec> specs = new ArrayList<>();
        try {
            for (int i = 0; i < networks.size(); i++) {
                loaded.add(TorchScriptModel.load(networks.get(i), files.get(i), models.settings()));
                specs.add(models.spec(networks.get(i)));
            }
        } catch (RuntimeException e) {
            loaded.forEach(TorchScriptModel::close);
            throw e;
        }
        return new LipSyncStage(name, List.copyOf(loaded), loaded.get(counted), List.copyOf(specs),
                models.settings().batch(), factory);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<NeuralSpec> models() {
        return specs;
    }

    /** Calls of the main network (MuseTalk's UNet) since loading: batches, times the steps for Diff2Lip. */
    public long networkCalls() {
        return counted.callsRun();
    }

    /** Frames through the main network since loading (a frame counts once per call it is in). */
    public long networkFrames() {
        return counted.framesRun();
    }

    /** Calls of each network since loading, by name. */
    public Map<String, Long> callsByNetwork() {
        Map<String, Long> calls = new LinkedHashMap<>();
        loaded.forEach(model -> calls.put(model.name(), model.callsRun()));
        return calls;
    }

    /** Host-device copies of all its networks since loading, for the benchmark. */
    public TorchScriptModel.Transfers transfers() {
        long up = 0;
        long upNanos = 0;
        long down = 0;
        long downNanos = 0;
        for (TorchScriptModel model : loaded) {
            TorchScriptModel.Transfers t = model.transfers();
            up += t.uploadedBytes();
            upNanos += t.uploadNanos();
            down += t.downloadedBytes();
            downNanos += t.downloadNanos();
        }
        return new TorchScriptModel.Transfers(up, upNanos, down, downNanos);
    }

    /** Where the networks run: {@code cpu} or {@code cuda:N}. */
    public String device() {
        return counted.device().isGpu() ? "cuda:" + counted.device().getDeviceId() : "cpu";
    }

    @Override
    public Pass prepare(Portrait portrait, StageOptions options) {
        LipSyncNetwork network = networks.open(loaded, batch, options);
        try {
            return new LipSyncPass(network, portrait.width(), portrait.height());
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    @Override
    public void close() {
        loaded.forEach(TorchScriptModel::close);
    }
}
