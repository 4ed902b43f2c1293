package com.videogenie.avatar.neural;

import com.videogenie.avatar.EnvironmentValues;
import com.videogenie.avatar.model.ModelRegistry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the exported networks are mounted and how they run, from the environment:
 * {@code AVATAR_NEURAL_DIR} (default: {@code neural/} in the model cache), {@code AVATAR_ALLOW_NONCOMMERCIAL}
 * ({@code true} lets weights whose licence is not clearly commercial run), {@code AVATAR_NEURAL_BATCH}
 * (frames per network call, default 8) and {@code AVATAR_DEVICE} ({@code auto}, {@code cpu}, {@code cuda}).
 */
public record NeuralSettings(Path folder, boolean allowNonCommercial, int batch, String device) {
    public static final int DEFAULT_BATCH = 8;

    public NeuralSettings {
        if (batch < 1 || batch > 64) {
            throw new IllegalArgumentException("AVATAR_NEURAL_BATCH must be 1-64, got " + batch);
        }
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("cuda")) {
            throw new IllegalArgumentException("AVATAR_DEVICE must be auto, cpu or cuda, got " + device);
        }
    }

    public static NeuralSettings fromEnvironment(Map<String, String> env) {
        String folder = env.get("AVATAR_NEURAL_DIR");
        Path path = folder == null || folder.isBlank() ? ModelRegistry.cacheBase(env).resolve("neural") : Path.of(folder.strip());
        boolean allow = "true".equalsIgnoreCase(env.getOrDefault("AVATAR_ALLOW_NONCOMMERCIAL", "").strip());
        int batch = (int) EnvironmentValues.number(env, "AVATAR_NEURAL_BATCH", DEFAULT_BATCH);
        String device = env.getOrDefault("AVATAR_DEVICE", "auto").strip().toLowerCase(Locale.ROOT);
        return new NeuralSettings(path.toAbsolutePath(), allow, batch, device.isEmpty() ? "auto" : device);
    }
}
