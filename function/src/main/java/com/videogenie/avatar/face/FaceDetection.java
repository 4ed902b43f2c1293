package com.videogenie.avatar.face;

/**
 * One detected face in image pixels.
 *
 * @param x         left edge of the box
 * @param y         top edge of the box
 * @param width     box width
 * @param height    box height
 * @param score     detector confidence in [0, 1]
 * @param keypoints six (x, y) pairs: eye, eye, nose tip, mouth, ear, ear; the first two are the eye on
 *                  the image's left, then the one on its right, for an upright face
 */
public record FaceDetection(float x, float y, float width, float height, float score, float[] keypoints) {
    public FaceDetection {
        if (keypoints.length != 12) {
            throw new IllegalArgumentException("BlazeFace gives 6 keypoints, got " + keypoints.length / 2);
        }
        keypoints = keypoints.clone();
    }

    public float centerX() {
        return x + width / 2f;
    }

    public float centerY() {
        return y + height / 2f;
    }

    public float keypointX(int i) {
        return keypoints[2 * i];
    }

    public float keypointY(int i) {
        return keypoints[2 * i + 1];
    }

    /** In-plane angle of the line between the eyes, radians; 0 for an upright face. */
    public double roll() {
        return Math.atan2(keypointY(1) - keypointY(0), keypointX(1) - keypointX(0));
    }

    /** Intersection over union with another box, for non-maximum suppression. */
    public float overlap(FaceDetection other) {
        float ix = Math.max(0f, Math.min(x + width, other.x + other.width) - Math.max(x, other.x));
        float iy = Math.max(0f, Math.min(y + height, other.y + other.height) - Math.max(y, other.y));
        float inter = ix * iy;
        float union = width * height + other.width * other.height - inter;
        return union <= 0f ? 0f : inter / union;
    }

    public FaceDetection scaled(float factor) {
        float[] k = keypoints.clone();
        for (int i = 0; i < k.length; i++) {
            k[i] *= factor;
        }
        return new FaceDetection(x * factor, y * factor, width * factor, height * factor, score, k);
    }
}
