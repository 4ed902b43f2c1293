package com.videogenie.avatar.render.warp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.videogenie.avatar.image.RgbImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TriangleWarperTest {
    private static final int SIZE = 64;
    private static final int OFFSET = 8;

    /** A canvas of random pixels and a grid mesh over it, with the frame inside the margin. */
    private static RgbImage noise(int seed) {
        RgbImage image = new RgbImage(SIZE + 2 * OFFSET, SIZE + 2 * OFFSET);
        new Random(seed).nextBytes(image.bgr());
        return image;
    }

    /** A 5x5 grid over the canvas; {@code shiftX} moves the inner points, {@code everything} moves all. */
    private static float[][] grid(float shiftX, boolean everything) {
        int n = 5;
        float[] x = new float[n * n];
        float[] y = new float[n * n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                x[r * n + c] = (SIZE + 2 * OFFSET) * c / (float) (n - 1) + (everything || (r > 0 && r < n - 1 && c > 0 && c < n - 1) ? shiftX : 0);
                y[r * n + c] = (SIZE + 2 * OFFSET) * r / (float) (n - 1);
            }
        }
        return new float[][] {x, y};
    }

    @Test
    void identityWarpReproducesTheFrameExactly() {
        RgbImage canvas = noise(1);
        float[][] rest = grid(0, false);
        float[][] moved = grid(0.5f, false);
        // Same points moved by zero: nothing is resampled, the target keeps its start.
        int[] triangles = Triangulation.delaunay(rest[0].clone(), rest[1].clone(), rest[0].length);
        RgbImage target = frameOf(canvas);
        RgbImage before = target.copy();
        TriangleWarper.warp(canvas, rest[0], rest[1], rest[0].clone(), rest[1].clone(), triangles, target, OFFSET, 0, 0);
        assertArrayEquals(before.bgr(), target.bgr());
        // Points moved: pixels change only where triangles moved.
        TriangleWarper.warp(canvas, rest[0], rest[1], moved[0], moved[1], triangles, target, OFFSET, 0, 0);
        int changed = 0;
        for (int i = 0; i < target.bgr().length; i++) {
            changed += target.bgr()[i] != before.bgr()[i] ? 1 : 0;
        }
        assertEquals(true, changed > 0);
    }

    @Test
    void wholeIntegerShiftMovesPixelsExactly() {
        RgbImage canvas = noise(2);
        float[] restX = {0, SIZE + 2 * OFFSET, SIZE + 2 * OFFSET, 0};
        float[] restY = {0, 0, SIZE + 2 * OFFSET, SIZE + 2 * OFFSET};
        float[] movedX = {3, SIZE + 2 * OFFSET + 3, SIZE + 2 * OFFSET + 3, 3};
        int[] triangles = {0, 1, 2, 0, 2, 3};
        RgbImage target = new RgbImage(SIZE, SIZE);
        TriangleWarper.warp(canvas, restX, restY, movedX, restY.clone(), triangles, target, OFFSET, 0, 0);
        // Frame pixel (x, y) shows canvas pixel (x + OFFSET - 3, y + OFFSET).
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(canvas.bgr()[((y + OFFSET) * canvas.width() + x + OFFSET - 3) * 3 + c],
                            target.bgr()[(y * SIZE + x) * 3 + c], "pixel " + x + "," + y);
                }
            }
        }
    }

    @Test
    void movedTrianglesCoverTheFrameWithoutGaps() {
        RgbImage canvas = new RgbImage(SIZE + 2 * OFFSET, SIZE + 2 * OFFSET);
        java.util.Arrays.fill(canvas.bgr(), (byte) 200);
        float[][] rest = grid(0, false);
        // Every point moves, so every triangle is redrawn onto the empty target.
        float[][] moved = grid(0.3f, true);
        int[] triangles = Triangulation.delaunay(rest[0].clone(), rest[1].clone(), rest[0].length);
        RgbImage target = new RgbImage(SIZE, SIZE);
        TriangleWarper.warp(canvas, rest[0], rest[1], moved[0], moved[1], triangles, target, OFFSET, 0, 0);
        for (byte b : target.bgr()) {
            assertEquals((byte) 200, b, "a pixel was left uncovered between triangles");
        }
    }

    private static RgbImage frameOf(RgbImage canvas) {
        RgbImage frame = new RgbImage(SIZE, SIZE);
        for (int row = 0; row < SIZE; row++) {
            System.arraycopy(canvas.bgr(), ((row + OFFSET) * canvas.width() + OFFSET) * 3, frame.bgr(), row * SIZE * 3, SIZE * 3);
        }
        return frame;
    }
}
