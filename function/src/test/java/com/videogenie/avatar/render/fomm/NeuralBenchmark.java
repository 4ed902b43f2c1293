package com.videogenie.avatar.render.fomm;

import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.neural.NeuralManifest;
import com.videogenie.avatar.neural.NeuralModels;
import com.videogenie.avatar.neural.NeuralSettings;
import com.videogenie.avatar.render.RenderBackend;
import com.videogenie.avatar.render.RenderBackends;
import com.videogenie.avatar.render.warp.WarpBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Frames per second of one backend on one render, for scripts/benchmark-neural.sh (one process per
 * backend, so its peak RSS is the backend's). Prints {@code key value} lines; asserts nothing.
 * Usage: NeuralBenchmark BACKEND PHOTO SPEECH OUT_FOLDER SIZE [NEURAL_DIR]
 */
public final class NeuralBenchmark {
    private NeuralBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String backendName = args[0];
        Path out = Path.of(args[3]);
        int size = Integer.parseInt(args[4]);
        ModelRegistry models = ModelRegistry.fromEnvironment();
        long loadStart = System.nanoTime();
        RenderBackend backend = backendName.equals(FommBackend.NAME)
                ? FommBackend.open(new NeuralModels(NeuralManifest.bundled(),
                        NeuralSettings.fromEnvironment(Map.of("AVATAR_NEURAL_DIR", args[5], "AVATAR_ALLOW_NONCOMMERCIAL", "true",
                                "AVATAR_NEURAL_BATCH", System.getenv().getOrDefault("AVATAR_NEURAL_BATCH", "8"),
                                "AVATAR_DEVICE", System.getenv().getOrDefault("AVATAR_DEVICE", "auto")))))
                : new WarpBackend();
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        RenderBackends backends = new RenderBackends(new WarpBackend(), List.of(backend), Map.of());
        Files.createDirectories(out);
        try (RenderAvatar avatar = RenderAvatar.create(RenderSettings.defaults(), models, backends)) {
            // A first short render warms the JIT and the engine; the second is measured.
            avatar.apply(new RenderRequest(args[1], args[2], null, out.resolve("warm.mp4").toString(), 128, 128, 5, 1L,
                    null, null, backendName));
            RenderResult result = avatar.apply(new RenderRequest(args[1], args[2], null,
                    out.resolve(backendName + ".mp4").toString(), size, size, 25, 1L, null, null, backendName));
            long frameMs = result.timings().get("frames");
            System.out.printf("backend %s%n", result.renderer());
            System.out.printf("device %s%n", backend instanceof FommBackend fomm ? fomm.device() : "cpu");
            System.out.printf("load_ms %.0f%n", loadMs);
            System.out.printf("frames %d%n", result.frames());
            System.out.printf("frame_loop_ms %d%n", frameMs);
            System.out.printf("fps %.1f%n", result.frames() * 1000.0 / frameMs);
            System.out.printf("render_ms %d%n", result.timings().get("render"));
            System.out.printf("encoder %s%n", result.encoder());
        }
        String status = Files.readString(Path.of("/proc/self/status"));
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                System.out.printf("peak_rss_mb %d%n", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024);
            }
        }
    }
}
