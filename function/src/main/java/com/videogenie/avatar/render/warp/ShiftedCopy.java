package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.image.RgbImage;

/**
 * Copies a window of the canvas into the frame at a whole-pixel offset, row by row. Whole pixels
 * because a bilinear copy of a 512x512 frame cost 1.5 ms, half again the frame loop, while the
 * picture's sway moves under a pixel per frame, where a one-pixel step does not show.
 */
final class ShiftedCopy {
    private ShiftedCopy() {
    }

    /** Frame pixel (x, y) takes canvas pixel (x + originX, y + originY); the window must lie inside the canvas. */
    static void copy(RgbImage canvas, int originX, int originY, RgbImage frame) {
        int width = frame.width();
        int height = frame.height();
        if (originX < 0 || originY < 0 || originX + width > canvas.width() || originY + height > canvas.height()) {
            throw new IllegalArgumentException("window at (" + originX + ", " + originY + ") leaves the canvas");
        }
        int stride = canvas.width() * 3;
        int rowBytes = width * 3;
        for (int row = 0; row < height; row++) {
            System.arraycopy(canvas.bgr(), (row + originY) * stride + originX * 3, frame.bgr(), row * rowBytes, rowBytes);
        }
    }
}
