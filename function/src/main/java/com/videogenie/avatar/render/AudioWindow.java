package com.videogenie.avatar.render;

import java.util.Arrays;

/**
 * The speech around one video frame, 16 kHz mono in [-1, 1], for renderers that draw the mouth from
 * sound (Wav2Lip and its kind take about 0.2 s a frame). One buffer per batch slot, allocated once
 * and refilled for every frame, so the per-frame path allocates nothing. Sound before the start or
 * past the end of the speech reads as silence.
 */
public final class AudioWindow {
    /** Windows are always at this rate, whatever the speech file's. */
    public static final int SAMPLE_RATE = 16_000;

    /**
     * How much sound a renderer wants around frame i, which covers {@code [i/fps, (i+1)/fps)}: the
     * window starts {@code before} samples ahead of the frame's start and is {@code before + after}
     * samples long.
     */
    public record Span(int before, int after) {
        /** For renderers that never look at the sound. */
        public static final Span NONE = new Span(0, 0);

        public Span {
            if (before < 0 || after < 0 || (long) before + after > 10L * SAMPLE_RATE) {
                throw new IllegalArgumentException("an audio span is 0-10 s on each side: " + before + ", " + after);
            }
        }

        public int length() {
            return before + after;
        }

        public boolean isEmpty() {
            return length() == 0;
        }
    }

    private final Span span;
    private final float[] samples;
    private long start;

    public AudioWindow(Span span) {
        this.span = span;
        this.samples = new float[span.length()];
    }

    /** The first sample of frame {@code frame} in the speech: the frame's start, rounded down. */
    public static long frameStart(int frame, int fps) {
        return (long) frame * SAMPLE_RATE / fps;
    }

    public Span span() {
        return span;
    }

    /** The window's samples; read-only for renderers, valid until the slot is refilled. */
    public float[] samples() {
        return samples;
    }

    /** The speech's sample index of {@code samples()[0]}; negative before the speech begins. */
    public long start() {
        return start;
    }

    /** Fills the window for {@code frame} from the whole speech, silence outside it. */
    public void fill(float[] speech, int frame, int fps) {
        start = frameStart(frame, fps) - span.before();
        Arrays.fill(samples, 0f);
        long from = Math.max(0, start);
        long to = Math.min(speech.length, start + samples.length);
        if (from < to) {
            System.arraycopy(speech, (int) from, samples, (int) (from - start), (int) (to - from));
        }
    }

    /** Fills the window for {@code frame} from the recent sound of a stream. */
    public void fill(AudioHistory history, int frame, int fps) {
        start = frameStart(frame, fps) - span.before();
        history.copy(start, samples);
    }

    /** Root mean square of the window: a cheap loudness for renderers and tests. */
    public double rms() {
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
    }
}
