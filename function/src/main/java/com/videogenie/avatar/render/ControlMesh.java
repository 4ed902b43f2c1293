package com.videogenie.avatar.render;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import java.util.Arrays;

/**
 * The warp's control points at rest, in canvas pixels: the 468 face landmarks, two rings around the
 * face that follow the head partly (so hair, ears and neck bend smoothly instead of tearing), and
 * fixed points on the canvas border that hold the background still.
 */
final class ControlMesh {
    static final float INNER_RING_SCALE = 1.3f;
    static final float OUTER_RING_SCALE = 1.75f;
    static final float INNER_RING_FOLLOW = 0.6f;
    static final float OUTER_RING_FOLLOW = 0.2f;
    private static final int BORDER_STEP = 48;

    final int count;
    final float[] x;
    final float[] y;
    final float[] z;
    /** How much of the head's motion a point takes: 1 on the face, less on the rings, 0 on the border. */
    final float[] follow;
    /** For ring points, the face-oval landmark they were pushed out from; -1 otherwise. */
    final int[] parent;

    private ControlMesh(float[] x, float[] y, float[] z, float[] follow, int[] parent, int count) {
        this.x = Arrays.copyOf(x, count);
        this.y = Arrays.copyOf(y, count);
        this.z = Arrays.copyOf(z, count);
        this.follow = Arrays.copyOf(follow, count);
        this.parent = Arrays.copyOf(parent, count);
        this.count = count;
    }

    static ControlMesh around(FaceLandmarks face, int canvasWidth, int canvasHeight) {
        int capacity = FaceLandmarks.COUNT + 2 * MeshRegions.FACE_OVAL.length + 4 * (canvasWidth + canvasHeight) / BORDER_STEP + 8;
        float[] x = new float[capacity];
        float[] y = new float[capacity];
        float[] z = new float[capacity];
        float[] follow = new float[capacity];
        int[] parent = new int[capacity];
        Arrays.fill(parent, -1);
        int n = 0;
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            x[n] = face.x(i);
            y[n] = face.y(i);
            z[n] = face.z(i);
            follow[n] = 1f;
            n++;
        }
        float cx = 0;
        float cy = 0;
        for (int i : MeshRegions.FACE_OVAL) {
            cx += face.x(i);
            cy += face.y(i);
        }
        cx /= MeshRegions.FACE_OVAL.length;
        cy /= MeshRegions.FACE_OVAL.length;
        float[][] rings = {{INNER_RING_SCALE, INNER_RING_FOLLOW}, {OUTER_RING_SCALE, OUTER_RING_FOLLOW}};
        // Border points sit on the canvas edge, or further out where the face spills over it.
        float minX = 0;
        float minY = 0;
        float maxX = canvasWidth;
        float maxY = canvasHeight;
        for (float[] ring : rings) {
            for (int i : MeshRegions.FACE_OVAL) {
                x[n] = cx + (face.x(i) - cx) * ring[0];
                y[n] = cy + (face.y(i) - cy) * ring[0];
                z[n] = face.z(i);
                follow[n] = ring[1];
                parent[n] = i;
                minX = Math.min(minX, x[n] - 2);
                minY = Math.min(minY, y[n] - 2);
                maxX = Math.max(maxX, x[n] + 2);
                maxY = Math.max(maxY, y[n] + 2);
                n++;
            }
        }
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            minX = Math.min(minX, face.x(i) - 2);
            minY = Math.min(minY, face.y(i) - 2);
            maxX = Math.max(maxX, face.x(i) + 2);
            maxY = Math.max(maxY, face.y(i) + 2);
        }
        int across = Math.max(2, Math.round((maxX - minX) / BORDER_STEP));
        int down = Math.max(2, Math.round((maxY - minY) / BORDER_STEP));
        for (int k = 0; k < across; k++) {
            float bx = minX + (maxX - minX) * k / across;
            n = border(x, y, follow, n, bx, minY);
            n = border(x, y, follow, n, maxX - (maxX - minX) * k / across, maxY);
        }
        for (int k = 0; k < down; k++) {
            n = border(x, y, follow, n, maxX, minY + (maxY - minY) * k / down);
            n = border(x, y, follow, n, minX, maxY - (maxY - minY) * k / down);
        }
        return new ControlMesh(x, y, z, follow, parent, n);
    }

    private static int border(float[] x, float[] y, float[] follow, int n, float px, float py) {
        x[n] = px;
        y[n] = py;
        follow[n] = 0f;
        return n + 1;
    }
}
