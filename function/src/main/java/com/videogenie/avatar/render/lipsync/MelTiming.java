package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.render.AudioWindow;

/**
 * Which 16 mel columns (0.2 s) a network hears for video frame {@code i}, as each reference slices
 * them: Wav2Lip's inference starts chunk i at column {@code int(i * 80 / fps)}; Diff2Lip's at
 * {@code int(80 * (max(i - 1, 0) / fps))}, one frame earlier.
 */
enum MelTiming {
    WAV2LIP {
        @Override
        long firstColumn(int frame, int fps) {
            return (long) (frame * (MelSpectrogram.COLUMNS_PER_SECOND / (double) fps));
        }
    },
    DIFF2LIP {
        @Override
        long firstColumn(int frame, int fps) {
            // In the reference's order of operations: 80 * (n / fps), which rounds differently from 80 * n / fps.
            return (long) (MelSpectrogram.COLUMNS_PER_SECOND * (Math.max(frame - 1, 0) / (double) fps));
        }
    };

    static final int COLUMNS = 16;

    abstract long firstColumn(int frame, int fps);

    /**
     * The sound around a frame that covers its columns: from one frame and one hop before the frame's
     * start (the earliest a chunk may begin) to 16 hops and half an FFT after it.
     */
    AudioWindow.Span span(int fps) {
        int frame = (int) Math.ceil(AudioWindow.SAMPLE_RATE / (double) fps);
        int before = MelSpectrogram.HOP + MelSpectrogram.reachBefore() + (this == DIFF2LIP ? frame : 0);
        int after = COLUMNS * MelSpectrogram.HOP + MelSpectrogram.reachAfter() + 1;
        return new AudioWindow.Span(before, after);
    }
}
