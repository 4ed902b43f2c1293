package com.videogenie.avatar.http;

import com.videogenie.avatar.RenderResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Render metrics, exported at {@code /actuator/prometheus}: {@code avatar_renders_started_total},
 * {@code avatar_renders_succeeded_total}, {@code avatar_renders_failed_total{code}},
 * {@code avatar_renders_rejected_total} (busy), {@code avatar_renders_joined_total} (repeated job ids),
 * {@code avatar_render_duration_seconds} and {@code avatar_render_realtime_factor} histograms, and
 * {@code avatar_renders_in_flight}.
 */
public final class RenderMetrics {
    private final MeterRegistry registry;
    private final Counter started;
    private final Counter succeeded;
    private final Counter rejected;
    private final Counter joined;
    private final Timer duration;
    private final DistributionSummary realTimeFactor;
    private final AtomicInteger inFlight = new AtomicInteger();

    public RenderMetrics(MeterRegistry registry) {
        this.registry = registry;
        started = Counter.builder("avatar.renders.started").description("Renders begun").register(registry);
        succeeded = Counter.builder("avatar.renders.succeeded").description("Renders finished").register(registry);
        rejected = Counter.builder("avatar.renders.rejected").description("Requests refused as busy").register(registry);
        joined = Counter.builder("avatar.renders.joined")
                .description("Requests answered by a render of the same job id").register(registry);
        duration = Timer.builder("avatar.render.duration").description("Wall time per successful render")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry);
        realTimeFactor = DistributionSummary.builder("avatar.render.realtime.factor")
                .description("Render time divided by video duration (below 1 is faster than real time)")
                .serviceLevelObjectives(0.25, 0.5, 1, 2, 4, 8).register(registry);
        registry.gauge("avatar.renders.in.flight", inFlight);
    }

    void started() {
        started.increment();
        inFlight.incrementAndGet();
    }

    void succeeded(RenderResult result, long nanos) {
        inFlight.decrementAndGet();
        succeeded.increment();
        duration.record(Duration.ofNanos(nanos));
        if (result.durationSeconds() > 0) {
            realTimeFactor.record(nanos / 1e9 / result.durationSeconds());
        }
    }

    void failed(String code) {
        inFlight.decrementAndGet();
        registry.counter("avatar.renders.failed", "code", code).increment();
    }

    void rejected() {
        rejected.increment();
    }

    void joined() {
        joined.increment();
    }

    public int inFlight() {
        return inFlight.get();
    }
}
