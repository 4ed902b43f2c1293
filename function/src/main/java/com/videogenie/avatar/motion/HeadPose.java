package com.videogenie.avatar.motion;

/**
 * Head orientation and position relative to the photo, in the face's own axes.
 *
 * @param yaw    turn left/right, radians
 * @param pitch  nod up/down, radians (positive: chin down)
 * @param roll   tilt in the image plane, radians
 * @param shiftX sideways shift as a fraction of face height
 * @param shiftY vertical shift as a fraction of face height
 */
public record HeadPose(double yaw, double pitch, double roll, double shiftX, double shiftY) {
    public static final HeadPose NEUTRAL = new HeadPose(0, 0, 0, 0, 0);
}
