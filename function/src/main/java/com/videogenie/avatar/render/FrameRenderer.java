package com.videogenie.avatar.render;

import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.motion.FrameMotion;

/**
 * Draws one video frame of the prepared portrait. Implementations are made per job and hold its
 * precomputed tables; {@code render} is called once per frame, in any order, from one thread.
 */
public interface FrameRenderer {
    /** A short name reported in the result, e.g. {@code cpu-warp}. */
    String name();

    /** Draws the frame for {@code motion} into {@code target} (frame-sized, overwritten). */
    void render(FrameMotion motion, RgbImage target);
}
