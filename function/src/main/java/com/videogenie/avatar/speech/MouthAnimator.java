package com.videogenie.avatar.speech;

/**
 * Turns speech audio into mouth motion, one pose per video frame. A neural lip-sync backend can
 * replace the renderer instead; this stage stays the source of timing and loudness.
 */
public interface MouthAnimator {
    /**
     * @param audio      the whole clip, mono
     * @param fps        video frame rate
     * @param frameCount number of frames to produce (frame i covers [i/fps, (i+1)/fps))
     */
    MouthTrack animate(AudioClip audio, int fps, int frameCount);
}
