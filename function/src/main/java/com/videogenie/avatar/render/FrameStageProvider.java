package com.videogenie.avatar.render;

import com.videogenie.avatar.model.ModelRegistry;

/**
 * Opens a stage a request may add after the renderer: a mouth network ({@code mouth}) or an
 * enhancer ({@code enhance}). Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/com.videogenie.avatar.render.FrameStageProvider}), like the renderers.
 */
public interface FrameStageProvider {
    /** Which request field chooses it. */
    enum Kind { MOUTH, ENHANCE }

    /** The value that field gives to choose it. */
    String name();

    Kind kind();

    /**
     * Loads the stage's network; throws an {@link com.videogenie.avatar.AvatarException} with
     * MODEL_UNAVAILABLE, MODEL_CHECKSUM_MISMATCH or LICENSE_NOT_ACCEPTED when it cannot be used here.
     */
    FrameEnhancer open(ModelRegistry models);
}
