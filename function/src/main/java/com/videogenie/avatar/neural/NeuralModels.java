package com.videogenie.avatar.neural;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.model.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Finds a mounted export and decides whether it may run: the file must be in the neural folder,
 * match the sha256 its export script wrote beside it ({@code <file>.sha256}), and have weights
 * usable commercially unless {@code AVATAR_ALLOW_NONCOMMERCIAL=true}. Every refusal says what to do.
 */
public final class NeuralModels {
    private final NeuralManifest manifest;
    private final NeuralSettings settings;

    public NeuralModels(NeuralManifest manifest, NeuralSettings settings) {
        this.manifest = manifest;
        this.settings = settings;
    }

    /** The bundled manifest with the settings of this environment (AVATAR_NEURAL_DIR and the rest). */
    public static NeuralModels fromEnvironment(Map<String, String> env) {
        return new NeuralModels(NeuralManifest.bundled(), NeuralSettings.fromEnvironment(env));
    }

    public NeuralSettings settings() {
        return settings;
    }

    public NeuralSpec spec(String name) {
        return manifest.spec(name);
    }

    /**
     * The verified file of network {@code name}. LICENSE_NOT_ACCEPTED first, mounted or not, when its
     * weights are not clearly commercial and the opt-in is missing: the answer a request gets must not
     * depend on what happens to be mounted. Then MODEL_UNAVAILABLE or MODEL_CHECKSUM_MISMATCH.
     */
    public Path locate(String name) {
        NeuralSpec spec = manifest.spec(name);
        Path file = settings.folder().resolve(spec.file());
        boolean mounted = Files.isRegularFile(file);
        if (spec.commercial() != NeuralSpec.Commercial.YES && !settings.allowNonCommercial()) {
            throw new AvatarException(ErrorCode.LICENSE_NOT_ACCEPTED, name + "'s weights' commercial use is "
                    + spec.commercial().name().toLowerCase(Locale.ROOT) + " (" + spec.license() + "); the operator"
                    + " sets AVATAR_ALLOW_NONCOMMERCIAL=true where that is acceptable"
                    + (mounted ? "" : ", and mounts " + spec.file() + " in " + settings.folder()));
        }
        if (!mounted) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE, "no " + spec.file() + " in " + settings.folder()
                    + " (AVATAR_NEURAL_DIR); export it with " + spec.export() + " from " + spec.checkpoint()
                    + ", see models/README.md");
        }
        Path sidecar = file.resolveSibling(spec.file() + ".sha256");
        String expected;
        try {
            String text = Files.readString(sidecar, StandardCharsets.US_ASCII).strip();
            expected = text.split("\\s+")[0].toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE, "no checksum beside " + file + ": the export script"
                    + " writes " + sidecar.getFileName() + "; copy it with the export", e);
        }
        String actual;
        try {
            actual = Sha256.of(file);
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (!actual.equals(expected)) {
            throw new AvatarException(ErrorCode.MODEL_CHECKSUM_MISMATCH, file + " has sha256 " + actual + ", but "
                    + sidecar.getFileName() + " says " + expected + ": the copy is damaged or not the export");
        }
        return file;
    }
}
