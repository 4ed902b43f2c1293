package com.videogenie.avatar.render;

import com.videogenie.avatar.model.ModelRegistry;

/**
 * Opens a {@link RenderBackend} at start-up. Providers are found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/com.videogenie.avatar.render.RenderBackendProvider}), so a backend on the
 * class path is offered to every adapter without changing any of them.
 */
public interface RenderBackendProvider {
    /** The name of the backend it opens, as a request names it. */
    String name();

    /**
     * Loads the backend's models through the registry. Throws an
     * {@link com.videogenie.avatar.AvatarException} with {@code MODEL_UNAVAILABLE} when its weights
     * are missing or not allowed here; the reason is reported when a request asks for it.
     */
    RenderBackend open(ModelRegistry models);
}
