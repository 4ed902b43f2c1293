package com.videogenie.avatar.face;

/**
 * The 468 points of MediaPipe's canonical face mesh, (x, y, z) in image pixels; z points away from
 * the camera and shares the x/y scale. Indices follow MediaPipe's topology (see {@link MeshRegions}).
 */
public final class FaceLandmarks {
    public static final int COUNT = 468;
    private final float[] xyz;

    public FaceLandmarks(float[] xyz) {
        if (xyz.length != COUNT * 3) {
            throw new IllegalArgumentException("expected " + COUNT * 3 + " coordinates, got " + xyz.length);
        }
        this.xyz = xyz.clone();
    }

    public float x(int i) {
        return xyz[3 * i];
    }

    public float y(int i) {
        return xyz[3 * i + 1];
    }

    public float z(int i) {
        return xyz[3 * i + 2];
    }

    public float[] toArray() {
        return xyz.clone();
    }

    public double distance(int a, int b) {
        return Math.hypot(x(a) - x(b), y(a) - y(b));
    }

    /** Inner-lip gap divided by face height (forehead to chin): 0 closed, about 0.15 wide open. */
    public double mouthOpening() {
        return distance(MeshRegions.INNER_LIP_TOP, MeshRegions.INNER_LIP_BOTTOM) / faceHeight();
    }

    /** Mean eyelid gap of both eyes divided by face height. */
    public double eyeOpening() {
        double left = distance(MeshRegions.LEFT_EYE_TOP, MeshRegions.LEFT_EYE_BOTTOM);
        double right = distance(MeshRegions.RIGHT_EYE_TOP, MeshRegions.RIGHT_EYE_BOTTOM);
        return (left + right) / 2 / faceHeight();
    }

    public double faceHeight() {
        return Math.max(1e-3, distance(MeshRegions.FOREHEAD_TOP, MeshRegions.CHIN));
    }

    /** Transforms every point: image = scale * p + offset (x and y), z scaled alike. */
    public FaceLandmarks transformed(float scale, float offsetX, float offsetY) {
        float[] out = new float[xyz.length];
        for (int i = 0; i < COUNT; i++) {
            out[3 * i] = xyz[3 * i] * scale + offsetX;
            out[3 * i + 1] = xyz[3 * i + 1] * scale + offsetY;
            out[3 * i + 2] = xyz[3 * i + 2] * scale;
        }
        return new FaceLandmarks(out);
    }
}
