package com.videogenie.avatar.http;

import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.StorageSettings;
import com.videogenie.avatar.media.FileAccess;
import com.videogenie.avatar.model.ModelManifest;
import com.videogenie.avatar.model.ModelRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the core into the service. The {@code AVATAR_*} variables are read as the CLI and MCP read
 * them, from Spring's environment (process environment, or test properties).
 */
@Configuration(proxyBeanMethods = false)
class AvatarConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AvatarConfiguration.class);

    /** The process environment overlaid with every AVATAR_ and AWS_ property Spring knows. */
    @Bean
    AvatarEnvironment avatarEnvironment(ConfigurableEnvironment environment) {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (var source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> names) {
                for (String name : names.getPropertyNames()) {
                    if (name.startsWith("AVATAR_") || name.startsWith("AWS_")) {
                        env.put(name, environment.getProperty(name));
                    }
                }
            }
        }
        return new AvatarEnvironment(Map.copyOf(env));
    }

    @Bean
    RenderSettings renderSettings(AvatarEnvironment environment) {
        Map<String, String> env = environment.variables();
        RenderSettings settings = RenderSettings.fromEnvironment(env)
                .withFiles(FileAccess.forService(env.get("AVATAR_ALLOWED_INPUT_DIRS"), env.get("AVATAR_OUTPUT_DIR")))
                .withStorage(StorageSettings.fromEnvironment(env));
        if (settings.files().inputDirs().isEmpty()) {
            log.warn("AVATAR_ALLOWED_INPUT_DIRS is not set: local file inputs are refused; https: and s3:// work.");
        }
        return settings;
    }

    @Bean
    ServiceSettings serviceSettings(AvatarEnvironment environment) {
        return ServiceSettings.fromEnvironment(environment.variables());
    }

    @Bean
    Webhooks webhooks(AvatarEnvironment environment) {
        return new Webhooks(WebhookSettings.fromEnvironment(environment.variables()), Clock.systemUTC());
    }

    @Bean
    RenderMetrics renderMetrics(MeterRegistry registry) {
        return new RenderMetrics(registry);
    }

    /** The function both routes call; Spring Cloud Function serves it at /renderAvatar. */
    @Bean
    RenderService renderAvatar(RenderSettings settings, ServiceSettings service, RenderMetrics metrics,
                               AvatarEnvironment environment) {
        long start = System.nanoTime();
        RenderAvatar renderer = RenderAvatar.create(settings,
                new ModelRegistry(ModelManifest.bundled(), environment.variables(), System.err));
        log.info("Models loaded in {} ms", (System.nanoTime() - start) / 1_000_000);
        renderer.renderersReport().forEach(log::info);
        return new RenderService(renderer, service, metrics);
    }

    @Bean
    JobSettings jobSettings(AvatarEnvironment environment) {
        return JobSettings.fromEnvironment(environment.variables());
    }

    @Bean
    RenderJobs renderJobs(RenderService service, RenderSettings settings, JobSettings jobs, ServiceSettings options,
                          Webhooks webhooks, JsonMapper json) {
        return new RenderJobs(service, settings, jobs, options, webhooks, json, Clock.systemUTC());
    }

    /** Runs before Spring Boot reports readiness (runners precede the ready event), so probes wait for it. */
    @Bean
    ApplicationRunner warmUp(RenderService service, RenderSettings settings, ServiceSettings options) {
        return args -> WarmUp.run(service, settings, options);
    }

    /** The variables the core and the service are configured by. */
    record AvatarEnvironment(Map<String, String> variables) {
    }
}
