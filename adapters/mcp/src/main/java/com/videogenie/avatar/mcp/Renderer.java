package com.videogenie.avatar.mcp;

import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderProgress;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;

/** What the tool calls: the core's render, or a stand-in in contract tests that need no models. */
interface Renderer extends AutoCloseable {
    RenderResult render(RenderRequest request, RenderProgress progress);

    @Override
    default void close() {
    }

    static Renderer of(RenderAvatar avatar) {
        return new Renderer() {
            @Override
            public RenderResult render(RenderRequest request, RenderProgress progress) {
                return avatar.render(request, progress);
            }

            @Override
            public void close() {
                avatar.close();
            }
        };
    }
}
