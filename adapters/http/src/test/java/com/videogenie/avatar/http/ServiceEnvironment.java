package com.videogenie.avatar.http;

import com.videogenie.avatar.TestAssets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

final class ServiceEnvironment {
    private ServiceEnvironment() {
    }

    /**
     * Registers the service's environment for a test: models and inputs from the core's
     * {@link TestAssets}, work folders in a new temporary folder, then {@code overrides}. Returns that folder.
     */
    static Path register(DynamicPropertyRegistry properties, Map<String, String> overrides)
            throws IOException {
        Path work = Files.createTempDirectory("avatar-http-test");
        Map<String, String> env = TestAssets.environment(work.resolve("cache"));
        env.put("AVATAR_ALLOWED_INPUT_DIRS", TestAssets.assets().toString());
        env.put("AVATAR_OUTPUT_DIR", work.resolve("out").toString());
        env.put("AVATAR_WORK_DIR", work.resolve("jobs").toString());
        env.putAll(overrides);
        env.forEach((name, value) -> properties.add(name, () -> value));
        return work;
    }
}
