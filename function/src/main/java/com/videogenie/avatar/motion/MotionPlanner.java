package com.videogenie.avatar.motion;

import com.videogenie.avatar.speech.MouthTrack;

/** Combines mouth, idle head motion and blinks into the motion of each frame. */
public final class MotionPlanner {
    private final MouthTrack mouth;
    private final IdleHeadMotion head;
    private final BlinkSchedule blinks;
    private final int fps;

    public MotionPlanner(MouthTrack mouth, long seed, int fps) {
        this.mouth = mouth;
        this.fps = fps;
        this.head = new IdleHeadMotion(seed);
        this.blinks = new BlinkSchedule(seed, mouth.frameCount() / (double) fps, fps);
    }

    public int frameCount() {
        return mouth.frameCount();
    }

    public FrameMotion motion(int frame) {
        double t = frame / (double) fps;
        return new FrameMotion(frame, head.poseAt(t, mouth.loudness(frame)), mouth.pose(frame), blinks.closureAt(t));
    }
}
