package com.videogenie.avatar.speech;

/**
 * Turns speech audio into mouth motion, one pose per video frame, for a whole file or for a live
 * stream. A neural lip-sync renderer draws the mouth from the sound itself; this stage stays the
 * source of timing and loudness for the head and blinks.
 */
public interface MouthAnimator {
    /** The name the result's {@code stages} reports, such as {@code formant}. */
    String name();

    /**
     * @param audio      the whole clip, mono
     * @param fps        video frame rate
     * @param frameCount number of frames to produce (frame i covers [i/fps, (i+1)/fps))
     */
    MouthTrack animate(AudioClip audio, int fps, int frameCount);

    /**
     * The same mouth for speech that arrives in pieces.
     *
     * @param lookAheadSeconds sound after a frame's own that is waited for before it is handed out
     */
    StreamingMouth stream(int sampleRate, int fps, double lookAheadSeconds, StreamingMouth.Listener listener);
}
