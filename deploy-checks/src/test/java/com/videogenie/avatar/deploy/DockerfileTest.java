package com.videogenie.avatar.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A lint of the root Dockerfile (no Docker engine builds it here): pinned bases, a non-root user, the
 * health route Knative probes, no secrets, and build commands that are the deployment guide's own.
 */
class DockerfileTest {
    private static final Dockerfile DOCKERFILE = Dockerfile.parse(Repository.read("Dockerfile"));
    private static final Pattern SECRET_NAME = Pattern.compile("(?i)(password|passwd|secret|token|api_?key|access_?key|credential)");
    /** name:tag with a version in the tag, or name@sha256:digest. */
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./_-]+(:[A-Za-z0-9._-]*[0-9][A-Za-z0-9._-]*|@sha256:[0-9a-f]{64})");

    @Test
    void everyBaseImageIsPinnedToAVersion() {
        List<String> images = DOCKERFILE.externalImages();
        assertTrue(images.stream().anyMatch(i -> i.startsWith("nvidia/cuda:") && i.contains("runtime")), images.toString());
        for (String image : images) {
            assertTrue(PINNED.matcher(image).matches() && !image.endsWith(":latest"), image + " is not pinned");
        }
        String syntax = Repository.read("Dockerfile").lines().findFirst().orElseThrow();
        assertTrue(syntax.matches("# syntax=docker/dockerfile:[0-9.]+"), "the frontend is pinned too: " + syntax);
    }

    @Test
    void bothImagesRunAsANonRootUserOnAJre17() {
        for (Dockerfile.Stage image : List.of(DOCKERFILE.finalStage(), DOCKERFILE.stage("mcp"), DOCKERFILE.stage("gpu"))) {
            String user = null;
            List<String> copiedFrom = new ArrayList<>();
            for (Dockerfile.Stage stage : DOCKERFILE.lineage(image)) {
                user = user == null ? stage.last("USER") : user;
                stage.arguments("COPY").stream().filter(c -> c.startsWith("--from=")).forEach(copiedFrom::add);
            }
            assertNotNull(user, image.name() + " sets USER");
            assertTrue(user.matches("[1-9][0-9]*(:[1-9][0-9]*)?"), "a numeric non-root uid (runAsNonRoot can check it): " + user);
            assertTrue(copiedFrom.stream().anyMatch(c -> c.startsWith("--from=jre /opt/java/openjdk")), image.name() + " has the JRE");
        }
        assertTrue(DOCKERFILE.globalArgs().get("JRE_IMAGE").matches("eclipse-temurin:17[.0-9_]*-jre-.+"));
    }

    @Test
    void httpImageIsTheDefaultWithTheLauncherThePortAndTheProbedHealthRoute() {
        assertEquals("http", DOCKERFILE.finalStage().name());
        JsonNode container = Repository.yaml("knative/service.yaml").at("/spec/template/spec/containers/0");
        String port = container.at("/ports/0/containerPort").asText();
        String liveness = container.at("/livenessProbe/httpGet/path").asText();
        // The CPU image (the default) and the GPU image are the same service around another libtorch.
        for (String name : List.of("http", "gpu")) {
            Dockerfile.Stage image = DOCKERFILE.stage(name);
            String build = name.equals("http") ? "build-http" : "build-http-gpu";
            String healthcheck = DOCKERFILE.inherited(image, "HEALTHCHECK");
            assertAll(
                    () -> assertEquals("[\"/opt/avatar/avatar\"]", DOCKERFILE.inherited(image, "ENTRYPOINT")),
                    () -> assertEquals("[\"serve\"]", DOCKERFILE.inherited(image, "CMD")),
                    () -> assertEquals(port, DOCKERFILE.inherited(image, "EXPOSE")),
                    () -> assertEquals("PORT=" + port, DOCKERFILE.inherited(image, "ENV")),
                    () -> assertNotNull(healthcheck, "HEALTHCHECK for plain Docker"),
                    () -> assertTrue(healthcheck.contains("${PORT}") && healthcheck.contains(liveness),
                            "checks the route Knative's liveness probe uses, on $PORT: " + healthcheck),
                    () -> assertTrue(image.arguments("COPY").contains("--from=" + build
                            + " /src/adapters/http/target/lib/ adapters/http/target/lib/"), name + ": the jar's lib/ layout"));
        }
        Dockerfile.Stage mcp = DOCKERFILE.stage("mcp");
        assertEquals("[\"mcp\"]", mcp.last("CMD"));
        assertEquals("NONE", mcp.last("HEALTHCHECK"), "the MCP process has no port to check");
    }

    @Test
    void modelsAreBakedInWhereTheServiceLooksForThem() {
        JsonNode env = Repository.yaml("knative/service.yaml").at("/spec/template/spec/containers/0/env");
        String modelsDir = null;
        for (JsonNode e : env) {
            if (e.path("name").asText().equals("AVATAR_MODELS_DIR")) {
                modelsDir = e.path("value").asText();
            }
        }
        Dockerfile.Stage runtime = DOCKERFILE.stage("runtime");
        assertTrue(runtime.arguments("ENV").get(0).contains("AVATAR_MODELS_DIR=" + modelsDir), "image and service agree");
        assertTrue(runtime.arguments("COPY").contains("--from=models /models/models/ models/"));
        assertEquals("/opt/avatar", runtime.last("WORKDIR"));
        assertEquals(modelsDir, "/opt/avatar/models");
    }

    /**
     * The libraries libwebrtc's native (webrtc-java, linux-x86_64) needs, as {@code readelf -d} lists
     * them, and the Ubuntu packages that hold them: without one the WebRTC route fails at its first call.
     */
    @Test
    void theServiceImageHasTheLibrariesLibwebrtcLinks() {
        String installed = String.join(" ", DOCKERFILE.stage("service").arguments("RUN"));
        Map<String, String> packages = Map.of("libpulse.so.0", "libpulse0", "libudev.so.1", "libudev1",
                "libdbus-1.so.3", "libdbus-1-3", "libX11.so.6", "libx11-6", "libXfixes.so.3", "libxfixes3",
                "libXrandr.so.2", "libxrandr2", "libXcomposite.so.1", "libxcomposite1");
        packages.forEach((library, name) -> assertTrue(installed.matches("(?s).*\\b" + name + "\\b.*"),
                "the service stage installs " + name + " for " + library + ": " + installed));
    }

    @Test
    void buildCommandsAreTheDeploymentGuides() {
        String deploy = Repository.section("docs/deploy.md", "From a clone to AWS (EKS, S3, ECR)");
        List<String> commands = new ArrayList<>();
        for (Dockerfile.Stage stage : DOCKERFILE.stages()) {
            stage.arguments("RUN").stream().map(DockerfileTest::command)
                    .filter(c -> c.startsWith("mvn ") || c.startsWith("./avatar ")).forEach(commands::add);
        }
        assertEquals(List.of("./avatar models", "mvn -B -DskipTests -pl adapters/http -am package",
                "mvn -B -DskipTests -Pcuda -pl adapters/http -am package",
                "mvn -B -DskipTests -pl adapters/mcp -am package"), commands);
        commands.forEach(c -> assertTrue(deploy.contains(c), "docs/deploy.md shows what the image build runs: " + c));
    }

    @Test
    void theGpuImageCarriesCudaLibtorchAndTheKnativeServicesRunItOnAGpu() {
        Dockerfile.Stage build = DOCKERFILE.stage("build-http-gpu");
        assertTrue(build.last("RUN").contains("-Pcuda"), "the cuda profile: " + build.last("RUN"));
        String pom = Repository.read("pom.xml");
        assertTrue(pom.contains("<pytorch.native>pytorch-native-cu124</pytorch.native>"), "the profile takes CUDA 12.4 natives");
        String cuda = DOCKERFILE.globalArgs().get("CUDA_IMAGE");
        assertTrue(cuda.startsWith("nvidia/cuda:12.4"), "the runtime base matches libtorch's CUDA: " + cuda);
        String runtimeEnv = String.join(" ", DOCKERFILE.stage("runtime").arguments("ENV"));
        assertTrue(runtimeEnv.contains("NVIDIA_DRIVER_CAPABILITIES=compute,utility,video"), "NVENC needs video");
        assertTrue(runtimeEnv.contains("DJL_CACHE_DIR=/tmp/"), "uid 10001 has no home: DJL unpacks libtorch in /tmp");
        JsonNode container = Repository.yaml("knative/service.yaml").at("/spec/template/spec/containers/0");
        assertTrue(container.path("image").asText().endsWith("-gpu"), "the render service runs the gpu target");
        assertEquals("1", container.at("/resources/limits/nvidia.com~1gpu").asText(), "and asks for a GPU");
    }

    @Test
    void holdsNoSecretsAndCopiesNoBuildOutputOrState() {
        for (Dockerfile.Stage stage : DOCKERFILE.stages()) {
            for (String keyword : List.of("ENV", "ARG")) {
                for (String declaration : stage.arguments(keyword)) {
                    for (String pair : declaration.split("\\s+")) {
                        String name = pair.split("=", 2)[0];
                        assertFalse(SECRET_NAME.matcher(name).find(), stage.name() + ": " + keyword + " " + name + " looks like a secret");
                    }
                }
            }
        }
        DOCKERFILE.globalArgs().keySet().forEach(name -> assertFalse(SECRET_NAME.matcher(name).find(), name));
        List<String> ignored = Repository.read(".dockerignore").lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(ignored.containsAll(List.of(".git", "**/target", "**/*.tfstate*", "**/*.tfvars", ".env*")), ignored.toString());
        assertFalse(ignored.contains("deploy-checks"), "the root pom lists deploy-checks: Maven needs it in the context");
    }

    /** The command of a RUN line without BuildKit flags and leading VAR=value assignments. */
    private static String command(String run) {
        List<String> words = new ArrayList<>(List.of(run.split("\\s+")));
        while (!words.isEmpty() && (words.get(0).startsWith("--") || words.get(0).matches("[A-Z_]+=.*"))) {
            words.remove(0);
        }
        return String.join(" ", words);
    }
}
