package com.videogenie.avatar.render;

import com.videogenie.avatar.neural.NeuralSpec;
import java.util.List;

/**
 * One way of drawing frames: the CPU mesh warp, or a neural network. One per process, created at
 * start-up; it owns its loaded models and frees them on {@link #close}. {@link #prepare} is called
 * once per job and may be called from several threads at once.
 */
public interface RenderBackend extends AutoCloseable {
    /** The name a request uses to choose it ({@code renderer}), e.g. {@code cpu-warp}. */
    String name();

    /**
     * Whether {@code renderer=auto} may choose it over the CPU renderer: a neural backend whose
     * weights are present and allowed. Diagnostic and test backends answer false.
     */
    default boolean automatic() {
        return false;
    }

    /** The models it runs, with their licences, for the start-up report; empty for none. */
    default List<NeuralSpec> models() {
        return List.of();
    }

    /** Prepares a job's renderer for this portrait: work done once, not per frame. */
    FrameRenderer prepare(Portrait portrait);

    @Override
    default void close() {
    }
}
