package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.render.AudioWindow;

/** Wav2Lip's and Diff2Lip's audio: each frame's 16 mel columns ({@code [80][16]}) from the sound around it. */
final class MelChunks implements LipSyncAudio {
    private final MelSpectrogram mel;
    private final MelTiming timing;
    private final int fps;

    MelChunks(MelSpectrogram.Padding padding, MelTiming timing, int fps) {
        this.mel = new MelSpectrogram(padding);
        this.timing = timing;
        this.fps = fps;
    }

    @Override
    public int size() {
        return MelSpectrogram.BANDS * MelTiming.COLUMNS;
    }

    @Override
    public AudioWindow.Span span() {
        return timing.span(fps);
    }

    @Override
    public void features(AudioWindow window, int frame, float[] out, int offset) {
        mel.columns(window, timing.firstColumn(frame, fps), MelTiming.COLUMNS, out, offset);
    }
}
