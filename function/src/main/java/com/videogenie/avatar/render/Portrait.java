package com.videogenie.avatar.render;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.image.RgbImage;

/**
 * The photo prepared for rendering: the portrait crop resampled once to the output scale, with a
 * margin around the frame so that motion near the edges samples real pixels, and the face mesh in
 * the same coordinates.
 *
 * @param canvas    the crop at output scale, {@code margin} pixels larger than the frame on every side
 * @param landmarks the face mesh in canvas coordinates
 * @param margin    canvas pixels outside the frame on each side
 * @param width     frame width
 * @param height    frame height
 * @param sourceScale photo pixels per output pixel (below 1: the face is enlarged)
 */
public record Portrait(RgbImage canvas, FaceLandmarks landmarks, int margin, int width, int height,
                       double sourceScale) {
    public Portrait {
        if (canvas.width() != width + 2 * margin || canvas.height() != height + 2 * margin) {
            throw new IllegalArgumentException("canvas must be the frame plus the margin on each side");
        }
    }
}
