package com.videogenie.avatar.render;

import java.util.Arrays;

/**
 * The last few seconds of a stream's sound in a fixed ring, so a live session can fill the audio
 * windows of the frames it draws without keeping the whole stream. Sound older than the ring or not
 * yet received reads as silence. One thread.
 */
public final class AudioHistory {
    private final float[] ring;
    private final int mask;
    private long written;

    /** A ring holding at least {@code samples} samples. */
    public AudioHistory(int samples) {
        int size = Integer.highestOneBit(Math.max(2, samples - 1)) << 1;
        this.ring = new float[size];
        this.mask = size - 1;
    }

    public int capacity() {
        return ring.length;
    }

    /** Samples received so far. */
    public long written() {
        return written;
    }

    public void append(float[] samples, int from, int length) {
        for (int i = 0; i < length; i++) {
            ring[(int) (written++ & mask)] = samples[from + i];
        }
    }

    /** Copies the stream's samples from index {@code start} into {@code target}, silence where none are held. */
    public void copy(long start, float[] target) {
        Arrays.fill(target, 0f);
        long from = Math.max(start, Math.max(0, written - ring.length));
        long to = Math.min(written, start + target.length);
        for (long i = from; i < to; i++) {
            target[(int) (i - start)] = ring[(int) (i & mask)];
        }
    }
}
