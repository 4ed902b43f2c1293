package com.videogenie.avatar.motion;

/**
 * Where the whole picture sits, as when a camera is held by hand or follows a speaker who sways:
 * the photo, background included, moves as one, so nothing behind the head bends.
 *
 * @param shiftX sideways shift of the picture, in face heights (positive: to the right)
 * @param shiftY vertical shift, in face heights (positive: down)
 */
public record Framing(double shiftX, double shiftY) {
    public static final Framing NONE = new Framing(0, 0);
}
