package com.videogenie.avatar.render.lipsync;

/**
 * One job's use of a lip-sync network: face crops and their mel chunks in, redrawn faces out. The
 * {@link LipSyncPass} does what all of them share (boxes, crops, mel windows, paste-back); each
 * network does its own normalisation and inference.
 */
interface LipSyncNetwork extends AutoCloseable {
    /** How the network sees a frame. */
    record Geometry(int size, FaceCrops.Order order, MelSpectrogram.Padding padding, MelTiming timing,
                    double chinPad) {
    }

    Geometry geometry();

    /** Frames per network call. */
    int capacity();

    /**
     * Redraws {@code count} faces: {@code crops} holds them as 3 planes each of levels 0-255 in the
     * geometry's order, {@code mels} their chunks as {@code [80][16]} each; the result goes into
     * {@code out} in the crops' layout, whole levels 0-255.
     */
    void generate(float[] crops, float[] mels, int count, float[] out);

    @Override
    void close();
}
