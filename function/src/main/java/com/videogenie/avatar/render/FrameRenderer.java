package com.videogenie.avatar.render;

/**
 * Draws the frames of one job's prepared portrait. A {@link RenderBackend} makes one per job; it
 * holds the job's precomputed tables (and, for a neural backend, its short-lived predictors).
 * {@code render} is called batch after batch, in frame order, from one thread.
 */
public interface FrameRenderer extends AutoCloseable {
    /** The backend's name, reported in the result, e.g. {@code cpu-warp}. */
    String name();

    /** Frames this renderer wants per call; a file render fills batches up to it, a live one sends one. */
    default int batchSize() {
        return 1;
    }

    /** The sound this renderer reads around each frame; {@link AudioWindow.Span#NONE} lets the speech go early. */
    default AudioWindow.Span audioSpan() {
        return AudioWindow.Span.NONE;
    }

    /**
     * Draws every frame of the batch into its slot's image (frame-sized, overwritten) and writes where
     * the face ended up into the slot's {@link FrameBatch#face face region}.
     */
    void render(FrameBatch batch);

    /** Frees the job's resources; the backend's models stay loaded. */
    @Override
    default void close() {
    }
}
