package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.image.RgbImage;

/**
 * A drawn mouth for the mouth tests: a 200x200 skin-coloured photo with lips centred at (100, 100),
 * 60 px wide, and the mesh's lip landmarks placed on arcs (sin over the mouth's width).
 */
final class LipsFixture {
    static final int SIZE = 200;
    static final float LEFT = 70;
    static final float WIDTH = 60;
    static final float CENTRE_Y = 100;
    static final byte[] SKIN = {(byte) 150, (byte) 170, (byte) 200};
    static final byte[] LIP = {(byte) 110, (byte) 110, (byte) 190};
    static final byte[] TEETH = {(byte) 225, (byte) 230, (byte) 235};
    static final byte[] LINE = {(byte) 50, (byte) 35, (byte) 80};
    /** Skin points the painter reads the skin's brightness from. */
    private static final int[][] SKIN_POINTS = {{50, 30, 30}, {280, 170, 30}, {151, 100, 20}, {205, 40, 150},
        {425, 160, 150}};

    final float[] x = new float[FaceLandmarks.COUNT];
    final float[] y = new float[FaceLandmarks.COUNT];

    /** Landmarks with half the inner-lip gap {@code halfGap} at the centre, lips about 10 px thick. */
    LipsFixture(float halfGap) {
        place(MeshRegions.OUTER_LIP_UPPER, -10, -2);
        place(MeshRegions.OUTER_LIP_LOWER, 12, 2);
        place(MeshRegions.INNER_LIP_UPPER, -halfGap, 0);
        place(MeshRegions.INNER_LIP_LOWER, halfGap, 0);
        for (int[] p : SKIN_POINTS) {
            x[p[0]] = p[1];
            y[p[0]] = p[2];
        }
    }

    private void place(int[] points, float arc, float lift) {
        for (int k = 0; k < points.length; k++) {
            x[points[k]] = LEFT + WIDTH * k / (points.length - 1);
            y[points[k]] = CENTRE_Y + (float) (arc * bump(k, points.length)) + (k == 0 || k == points.length - 1 ? 0 : lift);
        }
    }

    private static double bump(int k, int n) {
        return Math.sin(Math.PI * k / (n - 1));
    }

    /** Moves the lower lip's inner points down by {@code extra} at the centre, tapered to the corners. */
    LipsFixture openedBy(float extra) {
        LipsFixture moved = new LipsFixture(0);
        System.arraycopy(x, 0, moved.x, 0, x.length);
        System.arraycopy(y, 0, moved.y, 0, y.length);
        int[] lower = MeshRegions.INNER_LIP_LOWER;
        for (int k = 1; k < lower.length - 1; k++) {
            moved.y[lower[k]] += (float) (extra * bump(k, lower.length));
        }
        return moved;
    }

    FaceLandmarks landmarks() {
        float[] xyz = new float[FaceLandmarks.COUNT * 3];
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            xyz[3 * i] = x[i];
            xyz[3 * i + 1] = y[i];
        }
        return new FaceLandmarks(xyz);
    }

    /** Height of a contour at column position px (linear between landmarks). */
    float at(int[] contour, float px) {
        float t = (px - LEFT) / WIDTH * (contour.length - 1);
        int k = Math.max(0, Math.min(contour.length - 2, (int) Math.floor(t)));
        float f = Math.max(0, Math.min(1, t - k));
        return y[contour[k]] + f * (y[contour[k + 1]] - y[contour[k]]);
    }

    /** Skin everywhere, lip between the outer and inner contours, {@code inside} between the inner ones. */
    RgbImage photo(byte[] inside) {
        RgbImage image = new RgbImage(SIZE, SIZE);
        for (int py = 0; py < SIZE; py++) {
            for (int px = 0; px < SIZE; px++) {
                float cx = px + 0.5f;
                float cy = py + 0.5f;
                byte[] colour = SKIN;
                if (cx > LEFT && cx < LEFT + WIDTH) {
                    if (cy > at(MeshRegions.INNER_LIP_UPPER, cx) && cy < at(MeshRegions.INNER_LIP_LOWER, cx)) {
                        colour = inside;
                    } else if (cy > at(MeshRegions.OUTER_LIP_UPPER, cx) && cy < at(MeshRegions.OUTER_LIP_LOWER, cx)) {
                        colour = LIP;
                    }
                }
                System.arraycopy(colour, 0, image.bgr(), (py * SIZE + px) * 3, 3);
            }
        }
        return image;
    }
}
