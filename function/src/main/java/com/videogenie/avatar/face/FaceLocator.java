package com.videogenie.avatar.face;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Picks the face to animate (the largest one) and fits its mesh. */
public final class FaceLocator {
    /** The face chosen and how many were seen. */
    public record LocatedFace(FaceLandmarks landmarks, FaceDetection detection, int facesFound) {
    }

    private final FaceDetector detector;
    private final FaceMesh mesh;

    public FaceLocator(FaceDetector detector, FaceMesh mesh) {
        this.detector = detector;
        this.mesh = mesh;
    }

    public LocatedFace locate(RgbImage photo) {
        return find(photo).orElseThrow(() -> new AvatarException(ErrorCode.NO_FACE_DETECTED,
                "No human face was found in the photo. Use a photo with one clearly visible, frontal face."));
    }

    /** The largest face and its mesh, or empty where the image shows none (a video frame may not). */
    public Optional<LocatedFace> find(RgbImage image) {
        List<FaceDetection> faces = detector.detect(image);
        if (faces.isEmpty()) {
            return Optional.empty();
        }
        FaceDetection largest = faces.stream()
                .max(Comparator.comparingDouble(d -> d.width() * d.height()))
                .orElseThrow();
        return Optional.of(new LocatedFace(mesh.fit(image, largest), largest, faces.size()));
    }
}
