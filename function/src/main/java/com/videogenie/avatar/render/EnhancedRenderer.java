package com.videogenie.avatar.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A job's renderer followed by its enhancer passes, seen by the frame loops as one renderer: the
 * file pipeline and a live session run the same chain without knowing it is one.
 */
public final class EnhancedRenderer implements FrameRenderer {
    private final FrameRenderer renderer;
    private final List<FrameEnhancer.Pass> passes;

    private EnhancedRenderer(FrameRenderer renderer, List<FrameEnhancer.Pass> passes) {
        this.renderer = renderer;
        this.passes = passes;
    }

    /** The renderer itself when there is nothing to add; else the renderer and one pass per enhancer. */
    public static FrameRenderer of(FrameRenderer renderer, List<FrameEnhancer> enhancers, Portrait portrait,
                                   StageOptions options) {
        if (enhancers.isEmpty()) {
            return renderer;
        }
        List<FrameEnhancer.Pass> passes = new ArrayList<>();
        try {
            for (FrameEnhancer enhancer : enhancers) {
                passes.add(enhancer.prepare(portrait, options));
            }
        } catch (RuntimeException e) {
            closeAll(passes, renderer);
            throw e;
        }
        return new EnhancedRenderer(renderer, List.copyOf(passes));
    }

    @Override
    public String name() {
        return renderer.name();
    }

    @Override
    public int batchSize() {
        int size = renderer.batchSize();
        for (FrameEnhancer.Pass pass : passes) {
            size = Math.max(size, pass.batchSize());
        }
        return size;
    }

    /** The widest sound any part of the chain reads: one window serves them all. */
    @Override
    public AudioWindow.Span audioSpan() {
        AudioWindow.Span span = renderer.audioSpan();
        for (FrameEnhancer.Pass pass : passes) {
            AudioWindow.Span wanted = pass.audioSpan();
            span = new AudioWindow.Span(Math.max(span.before(), wanted.before()), Math.max(span.after(), wanted.after()));
        }
        return span;
    }

    @Override
    public void render(FrameBatch batch) {
        renderer.render(batch);
        for (FrameEnhancer.Pass pass : passes) {
            pass.enhance(batch);
        }
    }

    @Override
    public void close() {
        closeAll(passes, renderer);
    }

    private static void closeAll(List<FrameEnhancer.Pass> passes, FrameRenderer renderer) {
        for (FrameEnhancer.Pass pass : passes) {
            pass.close();
        }
        renderer.close();
    }
}
