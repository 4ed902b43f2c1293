package com.videogenie.avatar.render;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;

/**
 * Where the face is in one rendered frame, for the stages that work on the face after the renderer:
 * a bounding box and the five points a face-restoration network aligns to (eye centres, nose tip,
 * mouth corners), in frame pixels. The renderer writes it for each frame it draws; a slot's region
 * is reused from batch to batch, so it allocates nothing.
 */
public final class FaceRegion {
    /** Indices into {@link #points()} pairs, in the order of the 5-point FFHQ alignment template. */
    public static final int LEFT_EYE = 0;
    public static final int RIGHT_EYE = 1;
    public static final int NOSE = 2;
    public static final int MOUTH_LEFT = 3;
    public static final int MOUTH_RIGHT = 4;

    private final float[] points = new float[10];
    private float left;
    private float top;
    private float right;
    private float bottom;

    /**
     * Sets the region from a face mesh's 468 points (any ring points after them are ignored), given
     * in canvas coordinates {@code offset} pixels outside the frame.
     */
    public void setFromMesh(float[] xs, float[] ys, int offset) {
        setBox(xs, ys, FaceLandmarks.COUNT, offset);
        setPoint(LEFT_EYE, mid(xs, MeshRegions.LEFT_EYE_TOP, MeshRegions.LEFT_EYE_BOTTOM) - offset,
                mid(ys, MeshRegions.LEFT_EYE_TOP, MeshRegions.LEFT_EYE_BOTTOM) - offset);
        setPoint(RIGHT_EYE, mid(xs, MeshRegions.RIGHT_EYE_TOP, MeshRegions.RIGHT_EYE_BOTTOM) - offset,
                mid(ys, MeshRegions.RIGHT_EYE_TOP, MeshRegions.RIGHT_EYE_BOTTOM) - offset);
        setPoint(NOSE, xs[MeshRegions.NOSE_TIP] - offset, ys[MeshRegions.NOSE_TIP] - offset);
        setPoint(MOUTH_LEFT, xs[MeshRegions.MOUTH_LEFT] - offset, ys[MeshRegions.MOUTH_LEFT] - offset);
        setPoint(MOUTH_RIGHT, xs[MeshRegions.MOUTH_RIGHT] - offset, ys[MeshRegions.MOUTH_RIGHT] - offset);
    }

    private static float mid(float[] values, int a, int b) {
        return (values[a] + values[b]) / 2;
    }

    /** Sets the box from the extent of the first {@code count} points, shifted by {@code -offset}. */
    public void setBox(float[] xs, float[] ys, int count, int offset) {
        float minX = Float.MAX_VALUE;
        float minY = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        float maxY = -Float.MAX_VALUE;
        for (int i = 0; i < count; i++) {
            minX = Math.min(minX, xs[i]);
            maxX = Math.max(maxX, xs[i]);
            minY = Math.min(minY, ys[i]);
            maxY = Math.max(maxY, ys[i]);
        }
        left = minX - offset;
        top = minY - offset;
        right = maxX - offset;
        bottom = maxY - offset;
    }

    public void setPoint(int which, float x, float y) {
        points[2 * which] = x;
        points[2 * which + 1] = y;
    }

    public float x(int which) {
        return points[2 * which];
    }

    public float y(int which) {
        return points[2 * which + 1];
    }

    public float left() {
        return left;
    }

    public float top() {
        return top;
    }

    public float right() {
        return right;
    }

    public float bottom() {
        return bottom;
    }

    /** Makes this region the same as another, e.g. to keep a frame's region past its batch. */
    public void copyFrom(FaceRegion other) {
        System.arraycopy(other.points, 0, points, 0, points.length);
        left = other.left;
        top = other.top;
        right = other.right;
        bottom = other.bottom;
    }
}
