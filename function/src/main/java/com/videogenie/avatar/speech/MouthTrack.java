package com.videogenie.avatar.speech;

import java.util.Arrays;

/** One {@link MouthPose} per video frame, plus the speech loudness that head motion can follow. */
public final class MouthTrack {
    private final MouthPose[] poses;
    private final float[] loudness;

    public MouthTrack(MouthPose[] poses, float[] loudness) {
        if (poses.length != loudness.length) {
            throw new IllegalArgumentException("poses and loudness must have one value per frame");
        }
        this.poses = poses.clone();
        this.loudness = loudness.clone();
    }

    public int frameCount() {
        return poses.length;
    }

    public MouthPose pose(int frame) {
        return poses[frame];
    }

    /** Speech loudness of the frame in [0, 1] (0 silence, 1 the clip's loud speech). */
    public float loudness(int frame) {
        return loudness[frame];
    }

    /**
     * The same loudness with every pose at rest: for a lip-sync network that redraws the mouth from
     * the speech itself, so the renderer keeps the photo's mouth while the head still follows the voice.
     */
    public MouthTrack atRest() {
        MouthPose[] rest = new MouthPose[poses.length];
        Arrays.fill(rest, MouthPose.REST);
        return new MouthTrack(rest, loudness);
    }

    public float[] openings() {
        float[] open = new float[poses.length];
        for (int i = 0; i < poses.length; i++) {
            open[i] = poses[i].effectiveOpen();
        }
        return open;
    }

    @Override
    public String toString() {
        return "MouthTrack" + Arrays.toString(openings());
    }
}
