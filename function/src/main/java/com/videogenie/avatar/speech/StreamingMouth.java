package com.videogenie.avatar.speech;

/**
 * Mouth motion for speech that is still arriving, frame by frame: the live counterpart of
 * {@link MouthAnimator#animate}. Each frame is handed to the listener once its sound and the
 * look-ahead are in. One thread.
 */
public interface StreamingMouth {
    /** Receives each frame's mouth, in order, once. */
    @FunctionalInterface
    interface Listener {
        void frame(int index, MouthPose pose, float loudness);
    }

    /** Appends mono samples in [-1, 1]; hands out every frame that became ready. */
    void accept(float[] samples, int from, int length);

    /** No more sound: hands out the remaining frames. */
    void end();

    /** Frames handed out so far. */
    int frames();

    /** Seconds of sound received. */
    double seconds();

    /** Samples received. */
    long samples();
}
