package com.videogenie.avatar.render;

import com.videogenie.avatar.neural.NeuralSpec;
import java.util.List;

/**
 * A stage that changes frames after the renderer has drawn them: a lip-sync network redrawing the
 * mouth from the speech, or face restoration. One per
 * process, like a {@link RenderBackend}: it owns its models; {@link #prepare} gives a job its own
 * {@link Pass}, which sees each batch with every frame's {@link FaceRegion}.
 */
public interface FrameEnhancer extends AutoCloseable {
    /** The name reported in the result and used to choose it. */
    String name();

    /** The models it runs, with their licences, for the start-up report. */
    default List<NeuralSpec> models() {
        return List.of();
    }

    /** Prepares one job's pass; may be called from several threads at once. */
    Pass prepare(Portrait portrait, StageOptions options);

    /** One job's use of the enhancer, called batch after batch from one thread. */
    interface Pass extends AutoCloseable {
        /** Changes the batch's images in place, using each slot's {@link FrameBatch#face face region}. */
        void enhance(FrameBatch batch);

        /** Frames it would like per batch (a network's batch); the chain takes the largest wish. */
        default int batchSize() {
            return 1;
        }

        /** The sound it reads around each frame (a lip-sync network's mel window); none by default. */
        default AudioWindow.Span audioSpan() {
            return AudioWindow.Span.NONE;
        }

        @Override
        default void close() {
        }
    }

    @Override
    default void close() {
    }
}
