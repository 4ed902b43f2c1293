package com.videogenie.avatar.speech;

/**
 * Samples of a stream held in an array: {@code data[j]} is stream sample {@code offset + j}, and the
 * stream ends at {@code end} (exclusive; samples there and beyond, and before 0, read as silence).
 * A whole clip is the window at offset 0; a live stream keeps only its recent part.
 */
record Signal(float[] data, long offset, long end) {
    static Signal of(float[] samples) {
        return new Signal(samples, 0, samples.length);
    }

    float at(long n) {
        if (n < 0 || n >= end) {
            return 0f;
        }
        long j = n - offset;
        if (j < 0 || j >= data.length) {
            throw new IllegalStateException("sample " + n + " is outside the held window from " + offset);
        }
        return data[(int) j];
    }
}
