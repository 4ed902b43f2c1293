package com.videogenie.avatar.neural;

import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.render.FrameStageProvider.Kind;
import com.videogenie.avatar.render.FrameStages;
import com.videogenie.avatar.render.RenderBackend;
import com.videogenie.avatar.render.RenderBackends;
import com.videogenie.avatar.render.fomm.FommBackend;
import com.videogenie.avatar.render.lipsync.LipSyncStage;
import com.videogenie.avatar.render.restore.GfpganEnhancer;
import com.videogenie.avatar.render.warp.WarpBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Frames per second of one renderer and mouth on one render, for scripts/benchmark-neural.sh (one
 * process per combination, so its peak RSS is the combination's), with the network calls and the
 * host-device copies per frame. Prints {@code key value} lines; asserts nothing.
 * Usage: NeuralBenchmark RENDERER MOUTH PHOTO SPEECH OUT_FOLDER SIZE NEURAL_DIR DIFFUSION_STEPS ENHANCE
 */
public final class NeuralBenchmark {
    private NeuralBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String rendererName = args[0];
        String mouth = args[1];
        Path out = Path.of(args[4]);
        int size = Integer.parseInt(args[5]);
        int steps = Integer.parseInt(args[7]);
        String enhance = args[8];
        NeuralModels neural = new NeuralModels(NeuralManifest.bundled(), NeuralSettings.fromEnvironment(Map.of(
                "AVATAR_NEURAL_DIR", args[6], "AVATAR_ALLOW_NONCOMMERCIAL", "true",
                "AVATAR_NEURAL_BATCH", System.getenv().getOrDefault("AVATAR_NEURAL_BATCH", "8"),
                "AVATAR_DEVICE", System.getenv().getOrDefault("AVATAR_DEVICE", "auto"))));
        ModelRegistry models = ModelRegistry.fromEnvironment();
        long loadStart = System.nanoTime();
        List<RenderBackend> extra = new ArrayList<>();
        FommBackend fomm = null;
        if (rendererName.equals(FommBackend.NAME)) {
            fomm = FommBackend.open(neural);
            extra.add(fomm);
        }
        FrameStages stages = FrameStages.none();
        LipSyncStage lipSync = null;
        if (!mouth.equals("formant")) {
            lipSync = switch (mouth) {
                case "wav2lip" -> LipSyncStage.wav2lip(neural);
                case "diff2lip" -> LipSyncStage.diff2lip(neural);
                case "musetalk" -> LipSyncStage.musetalk(neural);
                default -> throw new IllegalArgumentException("mouth " + mouth);
            };
            stages.add(Kind.MOUTH, lipSync);
        }
        GfpganEnhancer gfpgan = null;
        if (enhance.equals(GfpganEnhancer.NAME)) {
            gfpgan = GfpganEnhancer.open(neural);
            stages.add(Kind.ENHANCE, gfpgan);
        }
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        RenderBackends backends = new RenderBackends(new WarpBackend(), extra, Map.of());
        Files.createDirectories(out);
        try (RenderAvatar avatar = RenderAvatar.create(RenderSettings.defaults(), models, backends, stages)) {
            // A first short render warms the JIT and the engine; the second is measured.
            avatar.apply(new RenderRequest(args[2], args[3], null, out.resolve("warm.mp4").toString(), 128, 128, 5, 1L,
                    null, null, rendererName, null, mouth, enhance, Math.min(steps, 3)));
            long calls = calls(lipSync, gfpgan);
            TorchScriptModel.Transfers before = transfers(lipSync, gfpgan);
            RenderResult result = avatar.apply(new RenderRequest(args[2], args[3], null,
                    out.resolve(rendererName + "-" + mouth + ".mp4").toString(), size, size, 25, 1L, null, null,
                    rendererName, null, mouth, enhance, steps));
            long frameMs = result.timings().get("frames");
            System.out.printf("renderer %s%n", result.renderer());
            System.out.printf("mouth %s%n", result.stages().get("mouth") + (mouth.equals("diff2lip") ? "/" + steps : "")
                    + (gfpgan != null ? "+gfpgan" : ""));
            String device = fomm != null ? fomm.device() : lipSync != null ? lipSync.device()
                    : gfpgan != null ? gfpgan.device() : "cpu";
            System.out.printf("device %s%n", device);
            System.out.printf("load_ms %.0f%n", loadMs);
            System.out.printf("frames %d%n", result.frames());
            System.out.printf("frame_loop_ms %d%n", frameMs);
            System.out.printf("fps %.2f%n", result.frames() * 1000.0 / frameMs);
            System.out.printf("render_ms %d%n", result.timings().get("render"));
            System.out.printf("encoder %s%n", result.encoder());
            if (before != null) {
                TorchScriptModel.Transfers after = transfers(lipSync, gfpgan);
                double frames = result.frames();
                System.out.printf("calls %d%n", calls(lipSync, gfpgan) - calls);
                System.out.printf("copy_kb_per_frame %.0f%n",
                        (after.uploadedBytes() - before.uploadedBytes() + after.downloadedBytes() - before.downloadedBytes())
                                / 1024.0 / frames);
                System.out.printf("copy_ms_per_frame %.3f%n",
                        (after.uploadNanos() - before.uploadNanos() + after.downloadNanos() - before.downloadNanos())
                                / 1e6 / frames);
            }
        }
        printPeakRss();
    }

    private static long calls(LipSyncStage lipSync, GfpganEnhancer gfpgan) {
        return (lipSync == null ? 0 : lipSync.networkCalls()) + (gfpgan == null ? 0 : gfpgan.networkCalls());
    }

    /** The copies of the stages that run networks; null when none does. */
    private static TorchScriptModel.Transfers transfers(LipSyncStage lipSync, GfpganEnhancer gfpgan) {
        if (lipSync == null && gfpgan == null) {
            return null;
        }
        TorchScriptModel.Transfers a = lipSync == null ? new TorchScriptModel.Transfers(0, 0, 0, 0) : lipSync.transfers();
        TorchScriptModel.Transfers b = gfpgan == null ? new TorchScriptModel.Transfers(0, 0, 0, 0) : gfpgan.transfers();
        return new TorchScriptModel.Transfers(a.uploadedBytes() + b.uploadedBytes(), a.uploadNanos() + b.uploadNanos(),
                a.downloadedBytes() + b.downloadedBytes(), a.downloadNanos() + b.downloadNanos());
    }

    private static void printPeakRss() throws java.io.IOException {
        String status = Files.readString(Path.of("/proc/self/status"));
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                System.out.printf("peak_rss_mb %d%n", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
            }
        }
    }
}
