package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.render.FrameRenderer;
import com.videogenie.avatar.render.Portrait;
import com.videogenie.avatar.render.RenderBackend;

/** The CPU renderer as a backend: no models, works everywhere, the fallback of {@code renderer=auto}. */
public final class WarpBackend implements RenderBackend {
    public static final String NAME = WarpFrameRenderer.NAME;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FrameRenderer prepare(Portrait portrait) {
        return new WarpFrameRenderer(portrait);
    }
}
