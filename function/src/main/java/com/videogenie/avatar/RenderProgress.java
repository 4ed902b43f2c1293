package com.videogenie.avatar;

/** Receives render progress; called from the rendering thread, so keep it quick. */
@FunctionalInterface
public interface RenderProgress {
    RenderProgress NONE = (done, total) -> { };

    void frames(int done, int total);
}
