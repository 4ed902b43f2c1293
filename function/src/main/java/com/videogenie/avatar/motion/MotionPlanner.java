package com.videogenie.avatar.motion;

import com.videogenie.avatar.speech.MouthPose;
import com.videogenie.avatar.speech.MouthTrack;

/**
 * Combines mouth, head motion, gestures and blinks into the motion of each frame. Without a
 * driving video, idle head motion, the picture's sway and blinks are pure functions of the seed and
 * the time, and the speech gestures depend only on the loudness heard so far, so a live stream,
 * which learns each frame's mouth as it goes, moves as a file of the same seed and speech does.
 * With a driver, head, blinks and brows come from the driver and the mouth still from the speech.
 */
public final class MotionPlanner {
    /** Picture shift per radian of gesture yaw, in face heights. */
    private static final double FRAMING_FOLLOWS_YAW = 0.25;
    private static final MouthTrack NO_TRACK = new MouthTrack(new MouthPose[0], new float[0]);

    private final MouthTrack mouth;
    private final IdleHeadMotion head;
    private final BlinkSchedule blinks;
    private final DriverTrack driver;
    private final int fps;
    /** A file's gestures, worked out once from its whole loudness track. */
    private final SpeechGestures.Gesture[] gestures;
    /** Steps the gestures: through the file's track once, then through live frames as they arrive. */
    private final SpeechGestures gestureSteps;
    private SpeechGestures.Gesture lastGesture = SpeechGestures.Gesture.NONE;
    private int lastGestureFrame = -1;
    /** A file's eye closure per frame; blinks follow the speech as the gestures do. */
    private final double[] eyeClosure;
    private double lastEyeClosure;

    public MotionPlanner(MouthTrack mouth, long seed, int fps) {
        this(mouth, seed, fps, null);
    }

    /** A planner whose head, eyes and brows follow {@code driver}, sampled at {@code fps}. */
    public MotionPlanner(MouthTrack mouth, DriverTrack driver, long seed, int fps) {
        this(mouth, seed, fps, driver);
    }

    private MotionPlanner(MouthTrack mouth, long seed, int fps, DriverTrack driver) {
        this.mouth = mouth;
        this.fps = fps;
        this.head = new IdleHeadMotion(seed);
        this.blinks = new BlinkSchedule(seed, fps);
        this.driver = driver;
        this.gestureSteps = new SpeechGestures(seed, fps);
        this.gestures = new SpeechGestures.Gesture[driver == null ? mouth.frameCount() : 0];
        this.eyeClosure = new double[gestures.length];
        for (int i = 0; i < gestures.length; i++) {
            gestures[i] = gestureSteps.next(mouth.loudness(i));
            eyeClosure[i] = blinks.next(mouth.loudness(i));
        }
    }

    /** A planner for a stream whose mouth is passed frame by frame. */
    public static MotionPlanner live(long seed, int fps) {
        return new MotionPlanner(NO_TRACK, seed, fps, null);
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
        SpeechGestures.Gesture gesture = gesture(frame, loudness);
        HeadPose idle = head.poseAt(t, loudness);
        HeadPose moved = new HeadPose(idle.yaw() + gesture.yaw(), idle.pitch() + gesture.pitch(),
                idle.roll() + gesture.roll(), idle.shiftX(), idle.shiftY());
        Framing sway = head.framingAt(t);
        // The body follows a turn of the head a little, so the picture drifts the same way.
        Framing framing = new Framing(sway.shiftX() + FRAMING_FOLLOWS_YAW * gesture.yaw(), sway.shiftY());
        return new FrameMotion(frame, moved, pose, eyeClosure(frame), gesture.browRaise(), framing);
    }

    private SpeechGestures.Gesture gesture(int frame, float loudness) {
        if (frame < gestures.length) {
            return gestures[frame];
        }
        step(frame, loudness);
        return lastGesture;
    }

    private double eyeClosure(int frame) {
        return frame < eyeClosure.length ? eyeClosure[frame] : lastEyeClosure;
    }

    /** Live frames come in order; a frame asked for twice keeps its gesture and blink. */
    private void step(int frame, float loudness) {
        if (frame != lastGestureFrame) {
            lastGesture = gestureSteps.next(loudness);
            lastEyeClosure = blinks.next(loudness);
            lastGestureFrame = frame;
        }
    }
}
