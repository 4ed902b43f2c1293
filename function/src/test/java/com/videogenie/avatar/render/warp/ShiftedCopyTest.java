package com.videogenie.avatar.render.warp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.videogenie.avatar.image.RgbImage;
import org.junit.jupiter.api.Test;

class ShiftedCopyTest {
    private static RgbImage ramp(int width, int height) {
        RgbImage image = new RgbImage(width, height);
        byte[] bgr = image.bgr();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = 3 * (y * width + x);
                bgr[p] = (byte) (4 * x);
                bgr[p + 1] = (byte) (4 * y);
                bgr[p + 2] = (byte) (x + y);
            }
        }
        return image;
    }

    @Test
    void aWholePixelShiftIsACrop() {
        RgbImage canvas = ramp(40, 30);
        RgbImage frame = new RgbImage(20, 10);
        ShiftedCopy.copy(canvas, 7, 5, frame);
        RgbImage expected = new RgbImage(20, 10);
        for (int y = 0; y < 10; y++) {
            System.arraycopy(canvas.bgr(), ((y + 5) * 40 + 7) * 3, expected.bgr(), y * 60, 60);
        }
        assertArrayEquals(expected.bgr(), frame.bgr());
    }

    @Test
    void refusesAWindowOutsideTheCanvas() {
        assertThrows(IllegalArgumentException.class,
                () -> ShiftedCopy.copy(ramp(40, 30), 21, 0, new RgbImage(20, 10)));
    }
}
