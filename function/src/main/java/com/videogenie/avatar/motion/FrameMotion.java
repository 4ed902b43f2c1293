package com.videogenie.avatar.motion;

import com.videogenie.avatar.speech.MouthPose;

/**
 * Everything that moves in one video frame. A renderer turns it into pixels; a neural renderer
 * may use only part of it.
 *
 * @param frame      frame index
 * @param head       head pose
 * @param mouth      mouth shape
 * @param eyeClosure 0 open as in the photo, 1 fully closed (blink)
 * @param browRaise  brows raised from the photo's, in face heights (negative: lowered)
 * @param framing    where the whole picture sits
 */
public record FrameMotion(int frame, HeadPose head, MouthPose mouth, double eyeClosure, double browRaise,
                          Framing framing) {
    public FrameMotion(int frame, HeadPose head, MouthPose mouth, double eyeClosure) {
        this(frame, head, mouth, eyeClosure, 0);
    }

    public FrameMotion(int frame, HeadPose head, MouthPose mouth, double eyeClosure, double browRaise) {
        this(frame, head, mouth, eyeClosure, browRaise, Framing.NONE);
    }
}
