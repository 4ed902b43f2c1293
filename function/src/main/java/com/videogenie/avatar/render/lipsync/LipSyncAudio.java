package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.render.AudioWindow;

/** What a lip-sync network hears for one frame, computed as its reference computes it. */
interface LipSyncAudio {
    /** Floats per frame. */
    int size();

    /** The sound the pass needs around each frame; none when the features come from the whole speech. */
    AudioWindow.Span span();

    /** Writes frame {@code frame}'s features into {@code out[offset..offset + size())}. */
    void features(AudioWindow window, int frame, float[] out, int offset);
}
