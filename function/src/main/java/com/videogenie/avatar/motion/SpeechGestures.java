package com.videogenie.avatar.motion;

import java.util.SplittableRandom;

/**
 * Head and brow gestures that follow the speech's prosody, read frame by frame from its loudness:
 * a nod (chin down and back) on each stressed syllable, a new head orientation taken at the start
 * of each phrase and held through it, and now and then the brows raised on a strong stress.
 * Causal: a frame depends only on the loudness up to it, so a live stream, which learns the
 * loudness as it goes, gestures as a file of the same speech does.
 *
 * <p>One instance follows one stream: call {@link #next} once per frame, in order.
 */
public final class SpeechGestures {
    private static final double DEG = Math.PI / 180;
    /** Loudness must rise this far above its recent average to count as a stress. */
    private static final double STRESS_RISE = 0.18;
    private static final double MIN_STRESS_GAP_SECONDS = 0.45;
    /** Time constant of the recent average the rise is measured against. */
    private static final double AVERAGE_SECONDS = 0.40;
    /** Quieter than this for {@link #PAUSE_SECONDS} is a pause between phrases. */
    private static final double PAUSE_LOUDNESS = 0.08;
    private static final double PAUSE_SECONDS = 0.30;
    private static final double NOD = 2.4 * DEG;
    /** Nods and brow raises peak this long after the stress begins, then ease back over ~0.5 s. */
    private static final double NOD_PEAK_SECONDS = 0.22;
    private static final double BROW_PEAK_SECONDS = 0.20;
    /** Brow lift of a strong stress, in face heights. */
    private static final double BROW_RAISE = 0.012;
    private static final double BROW_CHANCE = 0.4;
    private static final double PHRASE_YAW = 3.5 * DEG;
    private static final double PHRASE_ROLL = 1.5 * DEG;
    private static final double PHRASE_PITCH = 1.2 * DEG;
    /** How quickly the head settles into a phrase's orientation. */
    private static final double TURN_SECONDS = 0.35;
    private static final int KERNEL_SPAN = 6;

    private final SplittableRandom random;
    private final double frameSeconds;
    private final double averageRate;
    private final double turnRate;
    private final int minStressGap;
    private final int pauseFrames;
    /** Recent stresses: frame, nod strength, brow strength. */
    private final double[][] recent = new double[8][3];
    private int recentCount;
    private int frame = -1;
    private double average;
    private double lastLoudness;
    private int lastStress = Integer.MIN_VALUE / 2;
    private int quietFrames = Integer.MAX_VALUE / 2;
    private final double[] target = new double[3];
    private final double[] orientation = new double[3];

    public SpeechGestures(long seed, int fps) {
        this.random = new SplittableRandom(seed ^ 0x3C6EF372FE94F82AL);
        this.frameSeconds = 1.0 / fps;
        this.averageRate = 1 - Math.exp(-frameSeconds / AVERAGE_SECONDS);
        this.turnRate = 1 - Math.exp(-frameSeconds / TURN_SECONDS);
        this.minStressGap = (int) Math.round(MIN_STRESS_GAP_SECONDS * fps);
        this.pauseFrames = (int) Math.round(PAUSE_SECONDS * fps);
    }

    /** The gesture of the next frame, given that frame's smoothed speech loudness in [0, 1]. */
    public Gesture next(double loudness) {
        frame++;
        double rise = loudness - average;
        boolean rising = loudness > lastLoudness;
        if (rise > STRESS_RISE && rising && frame - lastStress >= minStressGap) {
            if (quietFrames >= pauseFrames) {
                newPhrase();
            }
            double strength = Math.min(1, rise / 0.45);
            double brow = strength > 0.6 && random.nextDouble() < BROW_CHANCE ? strength : 0;
            remember(frame, strength, brow);
            lastStress = frame;
        }
        quietFrames = loudness < PAUSE_LOUDNESS ? quietFrames + 1 : 0;
        average += averageRate * (loudness - average);
        lastLoudness = loudness;
        for (int axis = 0; axis < 3; axis++) {
            orientation[axis] += turnRate * (target[axis] - orientation[axis]);
        }

        double nod = 0;
        double brow = 0;
        for (int i = 0; i < recentCount; i++) {
            double since = (frame - recent[i][0]) * frameSeconds;
            nod += recent[i][1] * pulse(since, NOD_PEAK_SECONDS);
            brow += recent[i][2] * pulse(since, BROW_PEAK_SECONDS);
        }
        return new Gesture(orientation[0], orientation[1] + NOD * Math.min(1, nod), orientation[2], BROW_RAISE * Math.min(1, brow));
    }

    private void newPhrase() {
        target[0] = PHRASE_YAW * (2 * random.nextDouble() - 1);
        target[1] = PHRASE_PITCH * (2 * random.nextDouble() - 1);
        target[2] = PHRASE_ROLL * (2 * random.nextDouble() - 1);
    }

    private void remember(int at, double nod, double brow) {
        // The oldest stress has long faded (stresses are at least 0.45 s apart, a pulse lasts ~1 s).
        if (recentCount == recent.length) {
            System.arraycopy(recent, 1, recent, 0, recent.length - 1);
            recent[recent.length - 1] = new double[3];
            recentCount--;
        }
        recent[recentCount][0] = at;
        recent[recentCount][1] = nod;
        recent[recentCount][2] = brow;
        recentCount++;
    }

    /** Rises to 1 at {@code peak} and eases back (gamma-shaped); 0 before the stress and long after. */
    private static double pulse(double since, double peak) {
        if (since < 0 || since > KERNEL_SPAN * peak) {
            return 0;
        }
        double x = since / peak;
        return x * x * Math.exp(2 * (1 - x));
    }

    /**
     * Offsets added to the idle head motion: yaw, pitch and roll in radians, and the brow raise in
     * face heights.
     */
    public record Gesture(double yaw, double pitch, double roll, double browRaise) {
        public static final Gesture NONE = new Gesture(0, 0, 0, 0);
    }
}
