package com.videogenie.avatar.face;

/**
 * Named landmark indices of MediaPipe's 468-point face mesh. "Left" and "right" are as seen in the
 * image: LEFT is the subject's right side.
 */
public final class MeshRegions {
    public static final int FOREHEAD_TOP = 10;
    public static final int CHIN = 152;
    public static final int NOSE_TIP = 1;
    public static final int SUBNASALE = 2;
    public static final int INNER_LIP_TOP = 13;
    public static final int INNER_LIP_BOTTOM = 14;
    public static final int MOUTH_LEFT = 61;
    public static final int MOUTH_RIGHT = 291;
    public static final int LEFT_EYE_OUTER = 33;
    public static final int RIGHT_EYE_OUTER = 263;
    public static final int LEFT_EYE_TOP = 159;
    public static final int LEFT_EYE_BOTTOM = 145;
    public static final int RIGHT_EYE_TOP = 386;
    public static final int RIGHT_EYE_BOTTOM = 374;

    /** Inner lip contour, upper half, corner to corner (78 and 308 are the inner corners). */
    public static final int[] INNER_LIP_UPPER = {78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308};
    /** Inner lip contour, lower half, same corners and direction as {@link #INNER_LIP_UPPER}. */
    public static final int[] INNER_LIP_LOWER = {78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308};
    public static final int[] OUTER_LIP_UPPER = {61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291};
    public static final int[] OUTER_LIP_LOWER = {61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291};

    /** Upper eyelid contour of each eye, paired point by point with the lower lid below it. */
    public static final int[] LEFT_EYE_UPPER = {246, 161, 160, 159, 158, 157, 173};
    public static final int[] LEFT_EYE_LOWER = {7, 163, 144, 145, 153, 154, 155};
    public static final int[] RIGHT_EYE_UPPER = {466, 388, 387, 386, 385, 384, 398};
    public static final int[] RIGHT_EYE_LOWER = {249, 390, 373, 374, 380, 381, 382};
    /** Both eyebrows, upper and lower edges. */
    public static final int[] BROWS = {70, 63, 105, 66, 107, 55, 65, 52, 53, 46,
        300, 293, 334, 296, 336, 285, 295, 282, 283, 276};

    /** The ring of points between each upper lid and its brow, moved half as far in a blink. */
    public static final int[] LEFT_LID_CREASE = {247, 30, 29, 27, 28, 56, 190};
    public static final int[] RIGHT_LID_CREASE = {467, 260, 259, 257, 258, 286, 414};

    /** Face outline, clockwise from the forehead top. */
    public static final int[] FACE_OVAL = {10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397,
        365, 379, 378, 400, 377, 152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54,
        103, 67, 109};

    private MeshRegions() {
    }
}
