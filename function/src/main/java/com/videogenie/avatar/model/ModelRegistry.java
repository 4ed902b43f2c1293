package com.videogenie.avatar.model;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the verified local file of each model in the manifest. Lookup order:
 * <ol>
 *   <li>{@code $AVATAR_MODELS_DIR}, when set: the file must be there with the right checksum; nothing
 *       else is consulted, so a pinned folder never silently loses to another copy;</li>
 *   <li>{@code $AVATAR_MIRROR/models}, when set: a file there must be right, a missing one falls through;</li>
 *   <li>the user cache {@code $AVATAR_CACHE_DIR/models}, else {@code $XDG_CACHE_HOME/avatar-renderer/models},
 *       else {@code ~/.cache/avatar-renderer/models}; a damaged cached file is deleted and downloaded again;</li>
 *   <li>a download over https from the manifest's URL into that cache.</li>
 * </ol>
 * Each model is verified once per registry; concurrent callers share the result.
 */
public final class ModelRegistry {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private final ModelManifest manifest;
    private final Path modelsDir;
    private final Path mirrorDir;
    private final Path cacheDir;
    private final PrintStream progress;
    private final ModelDownloader downloader;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final Map<String, String> environment;

    /**
     * @param environment the variables above, usually {@link System#getenv()}; tests pass their own
     * @param progress where download progress goes; stderr in production, since stdout may carry a protocol
     */
    public ModelRegistry(ModelManifest manifest, Map<String, String> environment, PrintStream progress) {
        this(manifest, environment, progress, CONNECT_TIMEOUT, READ_TIMEOUT, false);
    }

    /** For tests: shorter timeouts, and plain http so a local test server can stand in for the model host. */
    ModelRegistry(ModelManifest manifest, Map<String, String> environment, PrintStream progress,
            Duration connectTimeout, Duration readTimeout, boolean allowPlainHttp) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.environment = Map.copyOf(environment);
        this.progress = Objects.requireNonNull(progress, "progress");
        Path models = folder(environment, "AVATAR_MODELS_DIR");
        Path mirror = folder(environment, "AVATAR_MIRROR");
        this.modelsDir = models == null ? null : models.toAbsolutePath();
        this.mirrorDir = mirror == null ? null : mirror.resolve("models").toAbsolutePath();
        this.cacheDir = cacheBase(environment).resolve("models").toAbsolutePath();
        this.downloader = new ModelDownloader(connectTimeout, readTimeout, allowPlainHttp, progress);
        for (ModelSpec spec : manifest.specs()) {
            slots.put(spec.name(), new Slot(spec));
        }
    }

    /** The bundled manifest, the process environment, progress on stderr. */
    public static ModelRegistry fromEnvironment() {
        return new ModelRegistry(ModelManifest.bundled(), System.getenv(), System.err);
    }

    /** The variables it was made from, for the other model lookups (the neural exports) to read the same. */
    public Map<String, String> environment() {
        return environment;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /**
     * The verified local file of model {@code name}, downloading it into the cache when no local copy
     * exists. Throws MODEL_UNAVAILABLE or MODEL_CHECKSUM_MISMATCH with a message saying what to do.
     */
    public Path resolve(String name) {
        ModelSpec spec = manifest.spec(name);
        return slots.get(spec.name()).path();
    }

    /** Resolves every model in the manifest, so a missing one fails at start-up rather than mid-job. */
    public Map<String, Path> verifyAll() {
        Map<String, Path> paths = new LinkedHashMap<>();
        for (String name : slots.keySet()) {
            paths.put(name, resolve(name));
        }
        return Collections.unmodifiableMap(paths);
    }

    /** The sentence every "model missing" error ends with. */
    static String offlineHint(ModelSpec spec) {
        return "To run without network access, put " + spec.file() + " (" + spec.size() + " bytes, sha256 "
                + spec.sha256() + ") into the folder named by AVATAR_MODELS_DIR, or into $AVATAR_MIRROR/models.";
    }

    private Path locate(ModelSpec spec) {
        if (modelsDir != null) {
            Path file = modelsDir.resolve(spec.file());
            if (!Files.isRegularFile(file)) {
                throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                        "Model '" + spec.name() + "' is missing: AVATAR_MODELS_DIR is set, but " + file
                                + " does not exist. Put the file there (" + spec.size() + " bytes, sha256 " + spec.sha256()
                                + ", published at " + spec.url() + ") or unset AVATAR_MODELS_DIR.");
            }
            requireIntact(spec, file, "AVATAR_MODELS_DIR");
            return file;
        }
        if (mirrorDir != null) {
            Path file = mirrorDir.resolve(spec.file());
            if (Files.isRegularFile(file)) {
                requireIntact(spec, file, "AVATAR_MIRROR");
                return file;
            }
        }
        Path cached = cacheDir.resolve(spec.file());
        if (Files.isRegularFile(cached)) {
            String actual = sha256(spec, cached);
            if (actual.equals(spec.sha256())) {
                return cached;
            }
            progress.println("Cached model " + cached + " is damaged (sha256 " + actual + ", expected "
                    + spec.sha256() + "); downloading it again.");
            try {
                Files.delete(cached);
            } catch (IOException e) {
                throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                        "Cannot delete the damaged cached model " + cached + ": " + e.getMessage()
                                + ". Delete it by hand, or set AVATAR_CACHE_DIR to a writable folder.", e);
            }
        }
        return downloader.download(spec, cacheDir);
    }

    private static void requireIntact(ModelSpec spec, Path file, String variable) {
        String actual = sha256(spec, file);
        if (!actual.equals(spec.sha256())) {
            throw new AvatarException(ErrorCode.MODEL_CHECKSUM_MISMATCH,
                    "Model '" + spec.name() + "' at " + file + " (from " + variable + ") has sha256 " + actual
                            + ", expected " + spec.sha256() + ". Replace it with the file published at " + spec.url() + ".");
        }
    }

    private static String sha256(ModelSpec spec, Path file) {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                    "Cannot read model '" + spec.name() + "' at " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The project's cache folder: {@code AVATAR_CACHE_DIR}, else {@code $XDG_CACHE_HOME/avatar-renderer}, else
     * {@code ~/.cache/avatar-renderer}. Face models live in its {@code models/}, neural exports in {@code neural/}.
     */
    public static Path cacheBase(Map<String, String> environment) {
        Path base = folder(environment, "AVATAR_CACHE_DIR");
        if (base != null) {
            return base;
        }
        Path xdg = folder(environment, "XDG_CACHE_HOME");
        // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
        if (xdg != null && xdg.isAbsolute()) {
            return xdg.resolve("avatar-renderer");
        }
        Path home = folder(environment, "HOME");
        if (home == null) {
            home = Path.of(System.getProperty("user.home"));
        }
        return home.resolve(".cache").resolve("avatar-renderer");
    }

    private static Path folder(Map<String, String> environment, String variable) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                    variable + " is not a usable path: '" + value + "' (" + e.getMessage() + ").", e);
        }
    }

    /** One model's lookup, done once; the lock makes concurrent callers wait for the first. */
    private final class Slot {
        private final ModelSpec spec;
        private Path path;

        Slot(ModelSpec spec) {
            this.spec = spec;
        }

        synchronized Path path() {
            if (path == null) {
                path = locate(spec);
            }
            return path;
        }
    }
}
