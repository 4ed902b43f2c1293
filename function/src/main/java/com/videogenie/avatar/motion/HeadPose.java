package com.videogenie.avatar.motion;

/**
 * Head orientation, position and size relative to the photo, in the face's own axes (x along the
 * eye line, y down the face, z into the picture). The head turns about a pivot {@link #PIVOT_DEPTH}
 * face heights behind the face's centre (the midpoint of forehead top and chin), roughly the neck.
 *
 * @param yaw    turn left/right, radians
 * @param pitch  nod up/down, radians (positive: chin down)
 * @param roll   tilt in the image plane, radians
 * @param shiftX sideways shift of the pivot as a fraction of face height
 * @param shiftY vertical shift of the pivot as a fraction of face height
 * @param scale  head size relative to the photo's (1: unchanged), as when leaning in
 */
public record HeadPose(double yaw, double pitch, double roll, double shiftX, double shiftY, double scale) {
    public static final HeadPose NEUTRAL = new HeadPose(0, 0, 0, 0, 0);
    /** Where the head turns: this many face heights behind the face's centre. */
    public static final double PIVOT_DEPTH = 0.55;

    public HeadPose(double yaw, double pitch, double roll, double shiftX, double shiftY) {
        this(yaw, pitch, roll, shiftX, shiftY, 1);
    }
}
