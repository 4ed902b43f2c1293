package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.KafkaSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The manifests in knative/ read into the fabric8 Knative and Kubernetes model. The model keeps
 * unknown fields aside instead of failing, so the tests check that nothing landed there (a typo).
 */
class KnativeManifestsTest {
    private static final Path KNATIVE = Path.of("../../knative");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static <T> T read(String file, Class<T> type) throws Exception {
        return YAML.readValue(KNATIVE.resolve(file).toFile(), type);
    }

    @Test
    void serviceScalesToZeroOnOneGpuAndOneJobPerPod() throws Exception {
        Service service = read("service.yaml", Service.class);
        assertEquals("serving.knative.dev/v1", service.getApiVersion());
        assertEquals("avatar-renderer", service.getMetadata().getName());
        Map<String, String> annotations = service.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("0", annotations.get("autoscaling.knative.dev/min-scale"));
        int maxScale = Integer.parseInt(annotations.get("autoscaling.knative.dev/max-scale"));
        assertTrue(maxScale >= 1 && maxScale <= 16, "a bounded number of GPUs");

        var spec = service.getSpec().getTemplate().getSpec();
        assertEquals(Map.of(), spec.getAdditionalProperties());
        assertEquals(1L, spec.getContainerConcurrency());
        assertTrue(spec.getTimeoutSeconds() >= 1200, "long enough for a 10-minute audio render");

        Container container = spec.getContainers().get(0);
        assertEquals(Map.of(), container.getAdditionalProperties());
        assertEquals(new Quantity("1"), container.getResources().getLimits().get("nvidia.com/gpu"));
        assertEquals("/actuator/health/readiness", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/actuator/health/liveness", container.getLivenessProbe().getHttpGet().getPath());
        assertEquals(8080, container.getPorts().get(0).getContainerPort());
        assertEquals("avatar-renderer-s3", container.getEnvFrom().get(0).getSecretRef().getName());
        assertEquals("1", container.getEnv().stream().filter(e -> e.getName().equals("AVATAR_MAX_CONCURRENT_RENDERS"))
                .findFirst().orElseThrow().getValue());
        long grace = Long.parseLong(container.getEnv().stream()
                .filter(e -> e.getName().equals("AVATAR_SHUTDOWN_GRACE_SECONDS")).findFirst().orElseThrow().getValue());
        assertEquals(spec.getTimeoutSeconds().longValue(), grace, "a stopping pod may finish its longest render");

        Secret secret = read("s3-secret.example.yaml", Secret.class);
        assertEquals("avatar-renderer-s3", secret.getMetadata().getName());
        assertTrue(secret.getStringData().containsKey("AWS_ACCESS_KEY_ID"));
    }

    @Test
    void liveServiceScalesToZeroOnCpuWithItsSessionLimitAsConcurrency() throws Exception {
        Service live = read("live-service.yaml", Service.class);
        Service renderer = read("service.yaml", Service.class);
        assertEquals("avatar-live", live.getMetadata().getName());
        Map<String, String> annotations = live.getSpec().getTemplate().getMetadata().getAnnotations();
        assertEquals("0", annotations.get("autoscaling.knative.dev/min-scale"));

        var spec = live.getSpec().getTemplate().getSpec();
        assertEquals(Map.of(), spec.getAdditionalProperties());
        assertTrue(spec.getTolerations() == null || spec.getTolerations().isEmpty(), "stays off the GPU nodes");
        Container container = spec.getContainers().get(0);
        assertEquals(Map.of(), container.getAdditionalProperties());
        assertTrue(!container.getResources().getLimits().containsKey("nvidia.com/gpu"), "needs no GPU");
        Map<String, String> env = new HashMap<>();
        container.getEnv().forEach(variable -> env.put(variable.getName(), variable.getValue()));
        // Knative sends a pod no more sessions than the app accepts, so none is refused with 503 there.
        assertEquals(Long.parseLong(env.get("AVATAR_MAX_LIVE_SESSIONS")), spec.getContainerConcurrency());
        assertTrue(Double.parseDouble(annotations.get("autoscaling.knative.dev/target")) < spec.getContainerConcurrency(),
                "scales out before a pod is full");
        LiveSettings settings = LiveSettings.fromEnvironment(env);
        assertTrue(spec.getTimeoutSeconds() >= settings.maxSeconds() + settings.idleTimeout().toSeconds(),
                "the longest session fits in one request");
        assertEquals(container.getResources().getRequests().get("cpu"), container.getResources().getLimits().get("cpu"),
                "guaranteed cores");
        assertEquals("/actuator/health/readiness", container.getReadinessProbe().getHttpGet().getPath());
        assertEquals(renderer.getSpec().getTemplate().getSpec().getContainers().get(0).getImage(), container.getImage(),
                "one image for both services");
        assertEquals(8080, container.getPorts().get(0).getContainerPort());
    }

    @Test
    void triggerRoutesRenderRequestsWithTimeoutRetriesAndDeadLetters() throws Exception {
        Trigger trigger = read("trigger.yaml", Trigger.class);
        Broker broker = read("broker.yaml", Broker.class);
        assertEquals(broker.getMetadata().getName(), trigger.getSpec().getBroker());
        assertEquals("com.videogenie.avatar.render.requested", trigger.getSpec().getFilter().getAttributes().get("type"));
        assertEquals("avatar-renderer", trigger.getSpec().getSubscriber().getRef().getName());
        assertEquals("Service", trigger.getSpec().getSubscriber().getRef().getKind());

        DeliverySpec delivery = trigger.getSpec().getDelivery();
        assertEquals(Map.of(), trigger.getSpec().getAdditionalProperties());
        assertEquals(Map.of(), delivery.getAdditionalProperties());
        Service service = read("service.yaml", Service.class);
        assertEquals(Duration.ofSeconds(service.getSpec().getTemplate().getSpec().getTimeoutSeconds()),
                Duration.parse(delivery.getTimeout()), "the Broker waits as long as the service may render");
        assertTrue(delivery.getRetry() >= 1);
        assertEquals("exponential", delivery.getBackoffPolicy());
        assertTrue(Duration.parse(delivery.getBackoffDelay()).toSeconds() >= 1);
        assertNotNull(delivery.getDeadLetterSink().getRef().getName());
    }

    @Test
    void deadLetterSinkIsAServiceDefinedHere() throws Exception {
        var ref = read("trigger.yaml", Trigger.class).getSpec().getDelivery().getDeadLetterSink().getRef();
        Service sink = read("dead-letters.yaml", Service.class);
        assertEquals(sink.getApiVersion(), ref.getApiVersion());
        assertEquals(sink.getKind(), ref.getKind());
        assertEquals(sink.getMetadata().getName(), ref.getName());
        var spec = sink.getSpec().getTemplate().getSpec();
        assertEquals(Map.of(), spec.getAdditionalProperties());
        Container container = spec.getContainers().get(0);
        assertEquals(Map.of(), container.getAdditionalProperties());
        assertNotNull(container.getImage());
        assertEquals(null, container.getResources().getLimits().get("nvidia.com/gpu"), "a sink needs no GPU");
    }

    @Test
    void kafkaSourceFeedsTheVideoJobTopicToTheBroker() throws Exception {
        KafkaSource source = read("kafkasource.yaml", KafkaSource.class);
        assertEquals("sources.knative.dev/v1", source.getApiVersion());
        assertEquals(Map.of(), source.getSpec().getAdditionalProperties());
        assertEquals("videoJob", source.getSpec().getTopics().get(0));
        assertEquals("Broker", source.getSpec().getSink().getRef().getKind());
        assertEquals(read("broker.yaml", Broker.class).getMetadata().getName(),
                source.getSpec().getSink().getRef().getName());
        assertTrue(!source.getSpec().getBootstrapServers().isEmpty() && source.getSpec().getConsumerGroup() != null);
    }
}
