package com.videogenie.avatar.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.model.ModelManifest;
import com.videogenie.avatar.model.ModelRegistry;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code avatar models}: finds every model in the manifest the way a render would, downloading missing
 * ones into the cache and checking each checksum, then prints where they are. Prepares offline machines
 * and container images without a render.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Download (if needed) and verify the face models; print their paths as JSON.")
final class ModelsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream stdout;
    private final PrintStream stderr;
    private final Map<String, String> env;

    ModelsCommand(PrintStream stdout, PrintStream stderr, Map<String, String> env) {
        this.stdout = stdout;
        this.stderr = stderr;
        this.env = env;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        try {
            Map<String, Path> paths = new ModelRegistry(ModelManifest.bundled(), env, stderr).verifyAll();
            Map<String, String> models = new LinkedHashMap<>();
            paths.forEach((name, path) -> models.put(name, path.toString()));
            stdout.println(JSON.writeValueAsString(Map.of("models", models)));
            return 0;
        } catch (AvatarException e) {
            stderr.println("avatar: " + e.code() + ": " + e.getMessage());
            stdout.println(RenderCommand.errorJson(e.code(), e.getMessage()));
            // Every model failure is the operator's to fix (network, checksum), never bad input.
            return AvatarCli.EXIT_INTERNAL;
        }
    }
}
