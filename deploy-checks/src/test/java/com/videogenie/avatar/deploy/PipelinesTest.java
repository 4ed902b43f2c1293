package com.videogenie.avatar.deploy;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ci/ for users: the GitHub Actions workflow and the Tekton pipeline test with the README's command,
 * build, scan and push one image tagged with the commit, and deploy that same image with the project's
 * script. Read as YAML, so a step that only looks right in an editor fails here.
 */
class PipelinesTest {
    private static final String DEPLOY_SCRIPT = "scripts/deploy-knative.sh";
    private static final Pattern GITHUB_EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([^}]+?)\\s*}}");

    @Test
    void everyCiFileIsValidYaml() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Repository.path("ci"))) {
            files = walk.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).toList();
        }
        assertTrue(files.size() >= 6, files.toString());
        files.forEach(file -> assertFalse(Repository.yamlDocuments(file).isEmpty(), file + " is empty"));
    }

    @Test
    void githubTestJobRunsTheReadmeTestCommandWithTheTestMirror() {
        JsonNode test = github().at("/jobs/test");
        JsonNode step = onlyStep(test, s -> s.path("run").asText().contains("mvn"));
        assertEquals(Repository.commandWords(Repository.readmeTestCommand()), Repository.commandWords(step.path("run").asText()));
        assertFalse(step.at("/env/AVATAR_MIRROR").asText().isBlank(), "the tests read models and media from a mirror");
    }

    @Test
    void githubImageTagIsTheCommitAndFlowsFromBuildThroughScanAndPushToDeploy() {
        JsonNode jobs = github().path("jobs");
        JsonNode image = jobs.path("image");
        String output = expression(image.at("/outputs/image").asText());
        assertTrue(output.matches("steps\\.[a-z-]+\\.outputs\\.image"), output);
        String tagStepId = output.split("\\.")[1];
        JsonNode tagStep = onlyStep(image, s -> s.path("id").asText().equals(tagStepId));
        assertTrue(tagStep.path("run").asText().contains(":${{ github.sha }}\" >> \"$GITHUB_OUTPUT\""),
                "the tag is the commit id: " + tagStep.path("run").asText());

        String ref = "${{ " + output + " }}";
        int build = indexOf(image, s -> s.path("run").asText().startsWith("docker build --target gpu -t \"" + ref + "\" ."));
        int scan = indexOf(image, s -> s.path("uses").asText().startsWith("aquasecurity/trivy-action@")
                && s.at("/with/image-ref").asText().equals(ref));
        int push = indexOf(image, s -> s.path("run").asText().equals("docker push \"" + ref + "\""));
        assertTrue(build >= 0 && scan > build && push > scan, "build, scan, then push the same image");
        assertEquals("1", onlyStep(image, s -> s.path("uses").asText().startsWith("aquasecurity/")).at("/with/exit-code").asText(),
                "a finding fails the job");

        JsonNode deploy = jobs.path("deploy");
        assertEquals("image", deploy.path("needs").asText());
        JsonNode deployStep = onlyStep(deploy, s -> s.path("run").asText().contains(DEPLOY_SCRIPT));
        assertEquals(DEPLOY_SCRIPT + " \"${{ needs.image.outputs.image }}\"", deployStep.path("run").asText());
        assertEquals("test", image.path("needs").asText(), "no image is built from untested code");
    }

    @Test
    void tektonTestTaskRunsTheReadmeTestCommandWithTheTestMirror() {
        JsonNode task = tektonTask(pipelineTask("test").at("/taskRef/name").asText());
        JsonNode step = task.at("/spec/steps/0");
        List<String> commands = step.path("script").asText().lines().map(String::trim)
                .filter(line -> line.startsWith("mvn")).toList();
        assertEquals(List.of(Repository.commandWords(Repository.readmeTestCommand())),
                commands.stream().map(Repository::commandWords).toList());
        assertEquals("$(workspaces.mirror.path)", env(step, "AVATAR_MIRROR"));
    }

    @Test
    void tektonImageTagIsTheCommitAndFlowsFromBuildThroughScanToDeploy() {
        assertEquals("$(params.image-repository):$(params.revision)", param(pipelineTask("build-image"), "image"));
        assertEquals("$(params.revision)", param(pipelineTask("fetch-source"), "revision"), "the image is built from that commit");

        JsonNode build = tektonTask(pipelineTask("build-image").at("/taskRef/name").asText());
        JsonNode buildStep = build.at("/spec/steps/0");
        String script = buildStep.path("script").asText();
        assertAll(
                () -> assertEquals("$(params.image)", env(buildStep, "IMAGE")),
                () -> assertTrue(script.contains("name=${IMAGE},push=true"), "pushes the image it was given"),
                () -> assertTrue(script.contains("printf '%s' \"${IMAGE}\" > \"$(results.image.path)\""), "reports that image"),
                () -> assertTrue(script.contains("--local dockerfile=. --opt target=gpu"), "builds the root Dockerfile's gpu image"));

        String result = "$(tasks.build-image.results.image)";
        assertEquals(result, param(pipelineTask("scan-image"), "image"));
        assertEquals(result, param(pipelineTask("deploy"), "image"));
        assertTrue(pipelineTask("deploy").path("runAfter").toString().contains("scan-image"), "deploy only a scanned image");

        JsonNode scanStep = tektonTask(pipelineTask("scan-image").at("/taskRef/name").asText()).at("/spec/steps/0");
        String scanArgs = scanStep.path("args").toString();
        assertTrue(scanArgs.contains("\"$(params.image)\"") && scanArgs.contains("\"--exit-code\",\"1\""), scanArgs);

        JsonNode deployStep = tektonTask(pipelineTask("deploy").at("/taskRef/name").asText()).at("/spec/steps/0");
        assertEquals("$(params.image)", env(deployStep, "IMAGE"));
        assertTrue(deployStep.path("script").asText().lines().map(String::trim)
                .anyMatch(line -> line.equals(DEPLOY_SCRIPT + " \"${IMAGE}\"")), "deploys with the project's script");
    }

    @Test
    void tektonPipelinePassesEveryTaskWhatItDeclares() {
        for (JsonNode entry : pipeline().at("/spec/tasks")) {
            String name = entry.path("name").asText();
            if (entry.at("/taskRef/resolver").isTextual()) {
                continue; // a catalog task (git-clone), resolved by the cluster
            }
            JsonNode task = tektonTask(entry.at("/taskRef/name").asText());
            List<String> declared = new ArrayList<>();
            task.at("/spec/params").forEach(p -> declared.add(p.path("name").asText()));
            for (JsonNode given : entry.path("params")) {
                assertTrue(declared.contains(given.path("name").asText()), name + " passes unknown param " + given.path("name"));
            }
            for (JsonNode p : task.at("/spec/params")) {
                assertTrue(p.has("default") || entry.path("params").findValuesAsText("name").contains(p.path("name").asText()),
                        name + " leaves required param " + p.path("name") + " unset");
            }
            List<String> workspaces = task.at("/spec/workspaces").findValuesAsText("name");
            assertEquals(workspaces.stream().sorted().toList(),
                    entry.path("workspaces").findValuesAsText("name").stream().sorted().toList(), name + " workspaces");
        }
    }

    private static JsonNode github() {
        return Repository.yaml("ci/github/avatar-renderer.yml");
    }

    private static JsonNode pipeline() {
        return Repository.yaml("ci/tekton/pipeline.yaml");
    }

    private static JsonNode pipelineTask(String name) {
        for (JsonNode task : pipeline().at("/spec/tasks")) {
            if (task.path("name").asText().equals(name)) {
                return task;
            }
        }
        throw new AssertionError("ci/tekton/pipeline.yaml has no task " + name);
    }

    private static JsonNode tektonTask(String name) {
        Map<String, JsonNode> tasks = new HashMap<>();
        try (Stream<Path> files = Files.list(Repository.path("ci/tekton/tasks"))) {
            files.flatMap(f -> Repository.yamlDocuments(f).stream())
                    .filter(d -> d.path("kind").asText().equals("Task"))
                    .forEach(d -> tasks.put(d.at("/metadata/name").asText(), d));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        JsonNode task = tasks.get(name);
        assertNotNull(task, "ci/tekton/tasks defines no Task " + name);
        return task;
    }

    private static String param(JsonNode pipelineTask, String name) {
        for (JsonNode p : pipelineTask.path("params")) {
            if (p.path("name").asText().equals(name)) {
                return p.path("value").asText();
            }
        }
        throw new AssertionError(pipelineTask.path("name").asText() + " passes no param " + name);
    }

    private static String env(JsonNode step, String name) {
        for (JsonNode e : step.path("env")) {
            if (e.path("name").asText().equals(name)) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError(step.path("name").asText() + " sets no " + name);
    }

    private static String expression(String text) {
        Matcher m = GITHUB_EXPRESSION.matcher(text);
        assertTrue(m.matches(), "an expression: " + text);
        return m.group(1);
    }

    private static int indexOf(JsonNode job, java.util.function.Predicate<JsonNode> test) {
        JsonNode steps = job.path("steps");
        for (int i = 0; i < steps.size(); i++) {
            if (test.test(steps.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode onlyStep(JsonNode job, java.util.function.Predicate<JsonNode> test) {
        List<JsonNode> found = new ArrayList<>();
        job.path("steps").forEach(s -> {
            if (test.test(s)) {
                found.add(s);
            }
        });
        assertEquals(1, found.size(), "one matching step in " + job.path("steps"));
        return found.get(0);
    }
}
