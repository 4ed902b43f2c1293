package com.videogenie.avatar.render.lipsync;

/**
 * One job's use of a lip-sync network: face crops and their audio features in, redrawn faces out. The
 * {@link LipSyncPass} does what all of them share (boxes, crops, audio features, paste-back); each
 * network does its own normalisation and inference.
 */
abstract class LipSyncNetwork implements AutoCloseable {
    /**
     * How the network sees a frame: its square's side and channel order, and the face box it crops
     * (the mesh box with the chin padded by a share of its height, or centred on the nose tip).
     */
    record Geometry(int size, FaceCrops.Order order, double chinPad, boolean noseCentred) {
    }

    private final Geometry geometry;
    private final LipSyncAudio audio;
    private final int capacity;

    LipSyncNetwork(Geometry geometry, LipSyncAudio audio, int capacity) {
        this.geometry = geometry;
        this.audio = audio;
        this.capacity = capacity;
    }

    final Geometry geometry() {
        return geometry;
    }

    /** What it hears for each frame. */
    final LipSyncAudio audio() {
        return audio;
    }

    /** Frames per network call. */
    final int capacity() {
        return capacity;
    }

    /**
     * Redraws {@code count} faces: {@code crops} holds them as 3 planes each of levels 0-255 in the
     * geometry's order, {@code sound} their audio features ({@link LipSyncAudio#size} each); the
     * result goes into {@code out} in the crops' layout, whole levels 0-255.
     */
    abstract void generate(float[] crops, float[] sound, int count, float[] out);

    @Override
    public abstract void close();
}
