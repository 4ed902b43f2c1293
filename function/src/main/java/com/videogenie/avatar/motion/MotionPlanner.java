package com.videogenie.avatar.motion;

import com.videogenie.avatar.speech.MouthPose;
import com.videogenie.avatar.speech.MouthTrack;

/**
 * Combines mouth, head motion and blinks into the motion of each frame. Without a driving video,
 * head motion and blinks are pure functions of the seed and the time, so a live stream, which
 * learns each frame's mouth as it goes, moves the head exactly as a file of the same seed does.
 * With one, head, blinks and brows come from the driver and the mouth still from the speech.
 */
public final class MotionPlanner {
    private static final MouthTrack NO_TRACK = new MouthTrack(new MouthPose[0], new float[0]);

    private final MouthTrack mouth;
    private final IdleHeadMotion head;
    private final BlinkSchedule blinks;
    private final DriverTrack driver;
    private final int fps;

    public MotionPlanner(MouthTrack mouth, long seed, int fps) {
        this(mouth, seed, fps, mouth.frameCount() / (double) fps);
    }

    /** A planner whose head, eyes and brows follow {@code driver}, sampled at {@code fps}. */
    public MotionPlanner(MouthTrack mouth, DriverTrack driver, long seed, int fps) {
        this(mouth, seed, fps, mouth.frameCount() / (double) fps, driver);
    }

    private MotionPlanner(MouthTrack mouth, long seed, int fps, double seconds) {
        this(mouth, seed, fps, seconds, null);
    }

    private MotionPlanner(MouthTrack mouth, long seed, int fps, double seconds, DriverTrack driver) {
        this.mouth = mouth;
        this.fps = fps;
        this.head = new IdleHeadMotion(seed);
        this.blinks = new BlinkSchedule(seed, seconds, fps);
        this.driver = driver;
    }

    /** A planner for a stream up to {@code maxSeconds} long whose mouth is passed frame by frame. */
    public static MotionPlanner live(long seed, int fps, double maxSeconds) {
        return new MotionPlanner(NO_TRACK, seed, fps, maxSeconds);
    }

    /** Frames of the planned track; 0 for a live planner. */
    public int frameCount() {
        return mouth.frameCount();
    }

    public FrameMotion motion(int frame) {
        return motion(frame, mouth.pose(frame), mouth.loudness(frame));
    }

    /** The motion of a frame whose mouth and speech loudness are given. */
    public FrameMotion motion(int frame, MouthPose pose, float loudness) {
        if (driver != null) {
            return new FrameMotion(frame, driver.poseAt(frame), pose, driver.eyeClosureAt(frame),
                    driver.browRaiseAt(frame));
        }
        double t = frame / (double) fps;
        return new FrameMotion(frame, head.poseAt(t, loudness), pose, blinks.closureAt(t));
    }
}
