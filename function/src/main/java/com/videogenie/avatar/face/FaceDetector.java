package com.videogenie.avatar.face;

import com.videogenie.avatar.image.RgbImage;
import java.util.List;

/** Finds faces in a photo. */
public interface FaceDetector {
    /** All faces found, most confident first; empty when there is none. */
    List<FaceDetection> detect(RgbImage image);
}
