package com.videogenie.avatar.render.fomm;

import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.render.AudioWindow;
import com.videogenie.avatar.render.FrameBatch;
import com.videogenie.avatar.render.FrameRenderer;

/**
 * A job's frames through FOMM: the CPU renderer draws each frame's head, eye and mouth motion (the
 * driving frame), then FOMM redraws the face from the photo with that motion, in batches. The face
 * regions are the driving frame's, which the generated face follows.
 */
final class FommFrameRenderer implements FrameRenderer {
    private final FrameRenderer driver;
    private final FommAnimator animator;
    private final int batchSize;
    private final RgbImage[] frames;

    FommFrameRenderer(FrameRenderer driver, FommAnimator animator, int batchSize) {
        this.driver = driver;
        this.animator = animator;
        this.batchSize = batchSize;
        this.frames = new RgbImage[batchSize];
    }

    @Override
    public String name() {
        return FommBackend.NAME;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public AudioWindow.Span audioSpan() {
        return driver.audioSpan();
    }

    @Override
    public void render(FrameBatch batch) {
        driver.render(batch);
        for (int slot = 0; slot < batch.size(); slot++) {
            frames[slot] = batch.image(slot);
        }
        animator.animate(frames, batch.size());
    }

    @Override
    public void close() {
        try {
            animator.close();
        } finally {
            driver.close();
        }
    }
}
