package com.videogenie.avatar.motion;

import java.util.SplittableRandom;

/**
 * Blinks, frame by frame from the speech heard so far, so a live stream blinks as a file of the
 * same seed and speech does. People blink at natural intervals (here 2.5-6 s, seeded) and mostly
 * where a phrase ends: a pause after speech brings the next blink forward (unless the last one was
 * under 2.5 s ago), and a blink due in mid-phrase waits up to 1.5 s for the pause. Each blink closes in about 90 ms, stays shut for one frame and reopens
 * more slowly, as real blinks do; its peak falls on a frame, so the video shows the eye fully shut.
 */
public final class BlinkSchedule {
    private static final double CLOSING = 0.09;
    private static final double OPENING = 0.16;
    private static final double MIN_GAP_SECONDS = 2.5;
    private static final double MAX_GAP_SECONDS = 6.0;
    private static final double FIRST_MIN_SECONDS = 0.6;
    private static final double FIRST_MAX_SECONDS = 2.4;
    /** A pause blink needs this long since the last blink. */
    private static final double PAUSE_BLINK_GAP_SECONDS = 2.5;
    /** A blink due in mid-phrase waits this long at most for the phrase to end. */
    private static final double MAX_DEFER_SECONDS = 1.5;
    /** Loudness below which a frame is a pause, and how long a phrase and its pause must last. */
    private static final double PAUSE_LOUDNESS = 0.08;
    private static final double PHRASE_SECONDS = 0.6;
    private static final double PAUSE_SECONDS = 0.12;
    /** Share of phrase ends that bring a blink (when the last one is long enough ago). */
    private static final double PAUSE_BLINK_CHANCE = 0.75;

    private final SplittableRandom random;
    private final double fps;
    private final int closingFrames;
    private final double hold;
    private int frame = -1;
    private int peak = Integer.MIN_VALUE / 2;
    private int timerPeak;
    private int speechFrames;
    private int quietFrames;

    public BlinkSchedule(long seed, int fps) {
        if (fps <= 0) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        this.random = new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL);
        this.fps = fps;
        this.closingFrames = (int) Math.ceil(CLOSING * fps);
        this.hold = 1.0 / fps;
        this.timerPeak = (int) Math.round((FIRST_MIN_SECONDS
                + random.nextDouble() * (FIRST_MAX_SECONDS - FIRST_MIN_SECONDS)) * fps);
    }

    /** Eye closure in [0, 1] of the next frame, given the speech loudness (0-1) heard during it. */
    public double next(float loudness) {
        frame++;
        boolean phraseEnded = followSpeech(loudness);
        boolean blinkPending = peak > frame;
        if (!blinkPending) {
            boolean pauseBlink = phraseEnded && frame - peak >= PAUSE_BLINK_GAP_SECONDS * fps
                    && random.nextDouble() < PAUSE_BLINK_CHANCE;
            int due = frame + closingFrames - timerPeak;
            boolean speaking = quietFrames < PAUSE_SECONDS * fps && speechFrames > 0;
            boolean timerBlink = due >= 0 && (!speaking || due >= MAX_DEFER_SECONDS * fps);
            if (pauseBlink || timerBlink) {
                schedule(frame + closingFrames);
            }
        }
        return shape((frame - peak) / fps);
    }

    /** True on the frame a pause after a phrase has lasted long enough to count. */
    private boolean followSpeech(float loudness) {
        if (loudness >= PAUSE_LOUDNESS) {
            speechFrames = quietFrames > 0 && quietFrames >= PAUSE_SECONDS * fps ? 1 : speechFrames + 1;
            quietFrames = 0;
            return false;
        }
        quietFrames++;
        return quietFrames == Math.max(1, (int) Math.round(PAUSE_SECONDS * fps))
                && speechFrames >= PHRASE_SECONDS * fps;
    }

    private void schedule(int at) {
        peak = at;
        timerPeak = at + (int) Math.round((MIN_GAP_SECONDS
                + random.nextDouble() * (MAX_GAP_SECONDS - MIN_GAP_SECONDS)) * fps);
    }

    private double shape(double dt) {
        if (dt < -CLOSING || dt > hold + OPENING) {
            return 0;
        }
        if (dt < 0) {
            return smooth(1 + dt / CLOSING);
        }
        if (dt <= hold * 0.5) {
            return 1;
        }
        return smooth(1 - (dt - hold * 0.5) / (OPENING + hold * 0.5));
    }

    private static double smooth(double x) {
        double c = Math.max(0, Math.min(1, x));
        return c * c * (3 - 2 * c);
    }
}
