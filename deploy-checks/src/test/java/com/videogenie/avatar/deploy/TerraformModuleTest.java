package com.videogenie.avatar.deploy;

import static com.videogenie.avatar.deploy.TerraformModule.block;
import static com.videogenie.avatar.deploy.TerraformModule.blocks;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * terraform/ (EKS) creates what knative/service.yaml needs, and its parts name each other: the GPU taint
 * is the one the service tolerates, the role reaches only the bucket the module creates, and only the
 * service account the module creates may assume it.
 */
class TerraformModuleTest {
    private static final Pattern RESOURCE_REFERENCE =
            Pattern.compile("(?<![\\w.])(data\\.)?((?:aws|kubernetes|helm)_[a-z0-9_]+)\\.([a-z0-9_]+)");
    private static final Pattern VARIABLE_OR_LOCAL = Pattern.compile("(?<![\\w.])(var|local)\\.([A-Za-z0-9_]+)");
    /** EKS names taint effects in its API's spelling. */
    private static final Map<String, String> EKS_EFFECTS = Map.of("NO_SCHEDULE", "NoSchedule",
            "NO_EXECUTE", "NoExecute", "PREFER_NO_SCHEDULE", "PreferNoSchedule");
    private static final String BUCKET = "aws_s3_bucket.outputs";

    private static TerraformModule module;
    private static JsonNode gpuToleration;

    @BeforeAll
    static void parse() {
        module = TerraformModule.load();
        JsonNode tolerations = Repository.yaml("knative/service.yaml").at("/spec/template/spec/tolerations");
        assertEquals(1, tolerations.size(), "knative/service.yaml tolerates one taint, the GPU nodes'");
        gpuToleration = tolerations.get(0);
    }

    @Test
    void parsesEveryTerraformFileOfTheModule() {
        assertTrue(module.sources().keySet().containsAll(Set.of("versions.tf", "variables.tf", "outputs.tf",
                "gpu_nodes.tf", "bucket.tf", "identity.tf")), module.sources().keySet().toString());
    }

    @Test
    void gpuNodeGroupScalesToZeroWithTheTaintTheKnativeServiceTolerates() {
        Map<String, Object> group = module.resource("aws_eks_node_group", "gpu");
        Map<String, Object> scaling = block(group, "scaling_config");
        Map<String, Object> taint = block(group, "taint");
        assertAll(
                () -> assertEquals(0, ((Number) scaling.get("min_size")).intValue()),
                () -> assertEquals("var.gpu_max_nodes", scaling.get("max_size")),
                () -> assertTrue(String.valueOf(module.variables().get("gpu_ami_type").get("default")).contains("NVIDIA")),
                () -> assertEquals(gpuToleration.path("key").asText(), module.resolve(taint.get("key"))),
                () -> assertEquals("Equal", gpuToleration.path("operator").asText()),
                () -> assertEquals(gpuToleration.path("value").asText(), module.resolve(taint.get("value"))),
                () -> assertEquals(gpuToleration.path("effect").asText(), EKS_EFFECTS.get(taint.get("effect"))),
                () -> assertEquals(gpuToleration.path("effect").asText(), module.resolve("local.gpu_taint.effect")));
    }

    @Test
    void autoscalerSeesTheGpuAndTaintOfANodeThatDoesNotExistYet() {
        Map<String, Object> tags = module.resource("aws_autoscaling_group_tag", "gpu_node_template");
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) tags.get("for_each");
        String key = gpuToleration.path("key").asText();
        assertAll(
                () -> assertEquals("aws_eks_node_group.gpu.resources.value.autoscaling_groups.value.name",
                        tags.get("autoscaling_group_name")),
                () -> assertEquals(gpuToleration.path("value").asText() + ":" + gpuToleration.path("effect").asText(),
                        template.get("k8s.io/cluster-autoscaler/node-template/taint/" + key)),
                () -> assertEquals("1", template.get("k8s.io/cluster-autoscaler/node-template/resources/nvidia.com/gpu")));
    }

    @Test
    void nvidiaDevicePluginRunsOnTheTaintedGpuNodes() {
        Map<String, Object> plugin = module.resource("helm_release", "nvidia_device_plugin");
        Map<String, Object> settings = new java.util.HashMap<>();
        blocks(plugin.get("set")).forEach(set -> settings.put(String.valueOf(set.get("name")), module.resolve(set.get("value"))));
        assertAll(
                () -> assertEquals("nvidia-device-plugin", plugin.get("chart")),
                () -> assertEquals("var.nvidia_device_plugin_version", plugin.get("version")),
                () -> assertEquals(gpuToleration.path("key").asText(), settings.get("tolerations[0].key")),
                () -> assertEquals(gpuToleration.path("effect").asText(), settings.get("tolerations[0].effect")));
    }

    @Test
    void outputBucketExpiresRenders() {
        assertEquals(Set.of("outputs"), module.resources("aws_s3_bucket").keySet(), "one bucket: the renders'");
        Map<String, Object> lifecycle = module.resource("aws_s3_bucket_lifecycle_configuration", "outputs");
        Map<String, Object> rule = block(lifecycle, "rule");
        assertAll(
                () -> assertEquals(BUCKET + ".id", lifecycle.get("bucket")),
                () -> assertEquals("Enabled", rule.get("status")),
                () -> assertEquals("var.output_expiry_days", block(rule, "expiration").get("days")),
                () -> assertEquals(BUCKET + ".id", module.resource("aws_s3_bucket_public_access_block", "outputs").get("bucket")));
    }

    @Test
    void rendererRoleReachesOnlyTheBucketTheModuleCreates() {
        Map<String, Object> policy = module.resource("aws_iam_role_policy", "renderer_bucket");
        assertEquals("aws_iam_role.renderer.id", policy.get("role"));
        String document = String.valueOf(policy.get("policy"));
        assertTrue(document.startsWith("data.aws_iam_policy_document.") && document.endsWith(".json"), document);
        String documentName = document.split("\\.")[2];

        List<Map<String, Object>> statements = blocks(module.data("aws_iam_policy_document", documentName).get("statement"));
        assertFalse(statements.isEmpty());
        for (Map<String, Object> statement : statements) {
            for (Object resource : (List<?>) statement.get("resources")) {
                assertTrue(Set.of(BUCKET + ".arn", BUCKET + ".arn/*").contains(resource),
                        "the role's policy names " + resource + ", not only the module's bucket");
            }
            for (Object action : (List<?>) statement.get("actions")) {
                assertTrue(String.valueOf(action).matches("s3:[A-Za-z]+"), "a specific S3 action, not " + action);
            }
        }
        module.resources("aws_iam_role_policy_attachment").values().forEach(attachment ->
                assertFalse(String.valueOf(attachment.get("role")).startsWith("aws_iam_role.renderer."),
                        "no managed policy widens the renderer's role"));
        assertEquals(List.of("aws_iam_role_policy.renderer_bucket"), module.resources("aws_iam_role_policy").keySet()
                .stream().map(name -> "aws_iam_role_policy." + name).toList());
    }

    @Test
    void onlyTheServiceAccountTheModuleCreatesMayAssumeTheRole() {
        Map<String, Object> role = module.resource("aws_iam_role", "renderer");
        assertEquals("data.aws_iam_policy_document.renderer_trust.json", role.get("assume_role_policy"));
        Map<String, Object> trust = block(module.data("aws_iam_policy_document", "renderer_trust"), "statement");
        assertEquals(List.of("sts:AssumeRoleWithWebIdentity"), trust.get("actions"));
        Map<String, Object> subject = blocks(trust.get("condition")).stream()
                .filter(c -> String.valueOf(c.get("variable")).endsWith(":sub")).findFirst().orElseThrow();
        assertEquals("StringEquals", subject.get("test"));
        List<?> subjects = (List<?>) subject.get("values");
        assertEquals(1, subjects.size());

        Map<String, Object> account = module.resource("kubernetes_service_account_v1", "renderer");
        Map<String, Object> metadata = block(account, "metadata");
        Map<String, Object> namespace = block(module.resource("kubernetes_namespace_v1", "renderer"), "metadata");
        assertAll(
                () -> assertEquals("system:serviceaccount:var.namespace:var.service_account_name",
                        module.resolve(subjects.get(0))),
                () -> assertEquals("var.service_account_name", metadata.get("name")),
                () -> assertEquals("kubernetes_namespace_v1.renderer.metadata.value.name", metadata.get("namespace")),
                () -> assertEquals("var.namespace", namespace.get("name")),
                () -> assertEquals("aws_iam_role.renderer.arn",
                        ((Map<?, ?>) metadata.get("annotations")).get("eks.amazonaws.com/role-arn")));
    }

    @Test
    void regionSecretIsTheOneTheKnativeServiceReads() {
        Map<String, Object> secret = module.resource("kubernetes_secret_v1", "renderer_s3");
        JsonNode service = Repository.yaml("knative/service.yaml");
        assertEquals(service.at("/spec/template/spec/containers/0/envFrom/0/secretRef/name").asText(),
                block(secret, "metadata").get("name"));
        assertEquals("var.region", ((Map<?, ?>) secret.get("data")).get("AVATAR_S3_REGION"));
    }

    @Test
    void everyVariableIsDescribedTypedAndValidated() {
        Set<String> free = Set.of("tags");
        module.variables().forEach((name, variable) -> assertAll(name,
                () -> assertFalse(String.valueOf(variable.get("description")).isBlank(), name + " has a description"),
                () -> assertNotNull(variable.get("type"), name + " has a type"),
                () -> assertTrue(free.contains(name) || blocks(variable.get("validation")).stream()
                        .allMatch(v -> !String.valueOf(v.get("error_message")).isBlank())
                        && !blocks(variable.get("validation")).isEmpty(), name + " has a validation")));
        assertTrue(module.variables().keySet().containsAll(Set.of("region", "cluster_name", "subnet_ids",
                "gpu_instance_types", "gpu_max_nodes", "bucket_name", "output_expiry_days", "namespace",
                "service_account_name")));
    }

    @Test
    void everyReferenceNamesSomethingTheModuleDeclaresAndEveryVariableIsUsed() {
        List<String> declared = module.declaredAddresses();
        List<String> referenced = new ArrayList<>();
        for (String value : module.strings()) {
            Matcher resource = RESOURCE_REFERENCE.matcher(value);
            while (resource.find()) {
                referenced.add((resource.group(1) == null ? "" : "data.") + resource.group(2) + "." + resource.group(3));
            }
            Matcher variable = VARIABLE_OR_LOCAL.matcher(value);
            while (variable.find()) {
                referenced.add(variable.group(1) + "." + variable.group(2));
            }
        }
        for (String reference : referenced) {
            assertTrue(declared.contains(reference), reference + " is referenced but not declared in terraform/");
        }
        // Variables also appear inside function calls, which hcl4j does not keep: look at the source text.
        String text = String.join("\n", module.sources().values());
        module.variables().keySet().forEach(name ->
                assertTrue(Pattern.compile("var\\." + name + "\\b").matcher(text).find(), "variable " + name + " is unused"));
    }

    @Test
    void outputsGiveTheDeploymentWhatItConsumes() {
        Map<String, String> expected = Map.of(
                "bucket_name", BUCKET + ".bucket",
                "region", "var.region",
                "renderer_role_arn", "aws_iam_role.renderer.arn",
                "namespace", "kubernetes_namespace_v1.renderer.metadata.value.name",
                "service_account_name", "kubernetes_service_account_v1.renderer.metadata.value.name",
                "image_repository", "aws_ecr_repository.renderer.repository_url");
        expected.forEach((name, value) -> {
            Map<String, Object> output = module.outputs().get(name);
            assertNotNull(output, "output " + name);
            assertEquals(value, output.get("value"), name);
            assertFalse(String.valueOf(output.get("description")).isBlank(), name + " has a description");
        });
        assertEquals("aws_iam_role.renderer.arn", ((Map<?, ?>) module.outputs().get("service_account_annotations")
                .get("value")).get("eks.amazonaws.com/role-arn"));
    }

    @Test
    void defaultsMatchTheDeployScriptAndTheTektonPipeline() {
        String script = Repository.read("scripts/deploy-knative.sh");
        JsonNode pipelineParams = Repository.yaml("ci/tekton/pipeline.yaml").at("/spec/params");
        String namespace = String.valueOf(module.variables().get("namespace").get("default"));
        String account = String.valueOf(module.variables().get("service_account_name").get("default"));
        assertAll(
                () -> assertTrue(script.contains("${AVATAR_NAMESPACE:-" + namespace + "}"), "script default namespace"),
                () -> assertTrue(script.contains("${AVATAR_SERVICE_ACCOUNT:-" + account + "}"), "script default account"),
                () -> assertTrue(pipelineParams.findValuesAsText("default").containsAll(List.of(namespace, account))));
    }

    @Test
    void holdsNoCredentials() {
        Pattern secrets = Pattern.compile("(?i)(access_key|secret_key|aws_secret|password\\s*=|AKIA[0-9A-Z]{16}|BEGIN [A-Z ]*PRIVATE KEY)");
        module.sources().forEach((file, text) -> assertFalse(secrets.matcher(text).find(), file + " holds a credential"));
        module.providers().forEach(provider -> assertFalse(provider.containsKey("profile") || provider.containsKey("shared_credentials_files"),
                "providers take credentials from the environment"));
    }
}
