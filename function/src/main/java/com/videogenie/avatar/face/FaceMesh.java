package com.videogenie.avatar.face;

import com.videogenie.avatar.image.RgbImage;

/** Fits the 468-point face mesh to a detected face. */
public interface FaceMesh {
    /**
     * @throws com.videogenie.avatar.AvatarException with {@code NO_FACE_DETECTED} when the region
     *         holds no face after all
     */
    FaceLandmarks fit(RgbImage image, FaceDetection detection);
}
