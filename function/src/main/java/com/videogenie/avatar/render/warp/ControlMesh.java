package com.videogenie.avatar.render.warp;

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
    /** The outer ring holds still: motion fades out between the rings and the background is never resampled. */
    static final float OUTER_RING_FOLLOW = 0f;
    private static final int BORDER_STEP = 48;

    final int count;
    final float[] x;
    final float[] y;
    final float[] z;
    /** How much of the head's motion a point takes: 1 on the face, less on the rings, 0 on the border. */
    final float[] follow;
    /** For ring points, the face-oval landmark they were pushed out from; -1 otherwise. */
    final int[] parent;
    /**
     * Per eye pair (upper lid, lower lid), the control point on the estimated true lower lid line.
     * The mesh model places the lower lid contour too high on many photos (it sits across the iris),
     * so a blink that only met that contour would leave the bottom of the eye showing.
     */
    final int[] lidLine;

    private ControlMesh(float[] x, float[] y, float[] z, float[] follow, int[] parent, int[] lidLine, int count) {
        this.x = Arrays.copyOf(x, count);
        this.y = Arrays.copyOf(y, count);
        this.z = Arrays.copyOf(z, count);
        this.follow = Arrays.copyOf(follow, count);
        this.parent = Arrays.copyOf(parent, count);
        this.lidLine = lidLine;
        this.count = count;
    }

    static ControlMesh around(FaceLandmarks face, int canvasWidth, int canvasHeight) {
        int lidPoints = MeshRegions.LEFT_EYE_UPPER.length + MeshRegions.RIGHT_EYE_UPPER.length;
        int capacity = FaceLandmarks.COUNT + lidPoints + 2 * MeshRegions.FACE_OVAL.length
                + 4 * (canvasWidth + canvasHeight) / BORDER_STEP + 8;
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
        int[] lidLine = new int[lidPoints];
        int lid = 0;
        for (int[][] eye : new int[][][] {
            {MeshRegions.LEFT_EYE_UPPER, MeshRegions.LEFT_EYE_LOWER, {MeshRegions.LEFT_EYE_OUTER, 133}},
            {MeshRegions.RIGHT_EYE_UPPER, MeshRegions.RIGHT_EYE_LOWER, {MeshRegions.RIGHT_EYE_OUTER, 362}}}) {
            for (int k = 0; k < eye[0].length; k++) {
                float[] p = lidLinePoint(face, eye[0], eye[1], eye[2], k);
                x[n] = p[0];
                y[n] = p[1];
                z[n] = face.z(eye[1][k]);
                follow[n] = 1f;
                lidLine[lid++] = n++;
            }
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
        return new ControlMesh(x, y, z, follow, parent, lidLine, n);
    }

    /** Typical open-eye height over width; a fitted contour flatter than this is extended downwards. */
    private static final float EYE_ASPECT = 0.3f;

    /**
     * The lower lid point k moved down (along the face) so the eye's height reaches a typical aspect,
     * tapering towards the corners; at most 15% of the eye's width.
     */
    private static float[] lidLinePoint(FaceLandmarks face, int[] upper, int[] lower, int[] corners, int k) {
        float eyeWidth = (float) face.distance(corners[0], corners[1]);
        int middle = upper.length / 2;
        float gap = (float) face.distance(upper[middle], lower[middle]);
        float extra = Math.max(0, Math.min(EYE_ASPECT * eyeWidth - gap, 0.15f * eyeWidth));
        float taper = (float) Math.sin(Math.PI * (k + 1) / (upper.length + 1));
        float dx = face.x(MeshRegions.RIGHT_EYE_OUTER) - face.x(MeshRegions.LEFT_EYE_OUTER);
        float dy = face.y(MeshRegions.RIGHT_EYE_OUTER) - face.y(MeshRegions.LEFT_EYE_OUTER);
        float len = (float) Math.hypot(dx, dy);
        // Face "down" is the eye line turned a quarter clockwise (image y grows downwards).
        float downX = -dy / len;
        float downY = dx / len;
        // Half a pixel at least, so the lid point never coincides with the contour point.
        float shift = Math.max(0.5f, extra * taper);
        return new float[] {face.x(lower[k]) + downX * shift, face.y(lower[k]) + downY * shift};
    }

    private static int border(float[] x, float[] y, float[] follow, int n, float px, float py) {
        x[n] = px;
        y[n] = py;
        follow[n] = 0f;
        return n + 1;
    }
}
