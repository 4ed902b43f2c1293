package com.videogenie.avatar.render;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.image.ImageOps;
import com.videogenie.avatar.image.RgbImage;

/**
 * Frames a head-and-shoulders portrait around the face, as a presenter video would: the face
 * takes about half of the frame's height and sits slightly above the centre, and the crop, margin
 * included, stays inside the photo: a tight photo gives a tighter frame rather than invented
 * borders, and the picture's sway (which shows the margin) never smears the photo's edge rows.
 */
public final class PortraitFraming {
    /** Frame height in face heights (forehead to chin). */
    static final double FRAME_TO_FACE = 1.9;
    /** Where the face centre sits, as a fraction of the frame height from the top. */
    static final double FACE_CENTRE_HEIGHT = 0.45;
    static final int MARGIN = 32;

    private PortraitFraming() {
    }

    public static Portrait frame(RgbImage photo, FaceLandmarks face, int width, int height) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i : MeshRegions.FACE_OVAL) {
            minX = Math.min(minX, face.x(i));
            maxX = Math.max(maxX, face.x(i));
            minY = Math.min(minY, face.y(i));
            maxY = Math.max(maxY, face.y(i));
        }
        double faceHeight = Math.max(maxY - minY, (maxX - minX) * 1.2);
        double cropH = faceHeight * FRAME_TO_FACE;
        double cropW = cropH * width / height;
        int margin = MARGIN;
        // The canvas is the crop plus the margin on each side, in output pixels.
        double canvasW = cropW * (width + 2.0 * margin) / width;
        double canvasH = cropH * (height + 2.0 * margin) / height;
        double fit = Math.min(1.0, Math.min(photo.width() / canvasW, photo.height() / canvasH));
        cropW *= fit;
        cropH *= fit;
        double scale = cropW / width;
        double marginInPhoto = margin * scale;
        double left = clamp((minX + maxX) / 2 - cropW / 2, marginInPhoto, photo.width() - cropW - marginInPhoto);
        double top = clamp((minY + maxY) / 2 - cropH * FACE_CENTRE_HEIGHT, marginInPhoto,
                photo.height() - cropH - marginInPhoto);

        // Canvas pixel (u, v) samples the photo at pixel centre ((u - margin + 0.5) * scale + left - 0.5).
        double[] canvasToPhoto = {scale, 0, (0.5 - margin) * scale + left - 0.5,
            0, scale, (0.5 - margin) * scale + top - 0.5};
        RgbImage canvas = ImageOps.warpAffine(photo, canvasToPhoto, width + 2 * margin, height + 2 * margin);
        FaceLandmarks inCanvas = face.transformed((float) (1 / scale), (float) (margin - left / scale),
                (float) (margin - top / scale));
        return new Portrait(canvas, inCanvas, margin, width, height, scale);
    }

    private static double clamp(double v, double min, double max) {
        return max < min ? (min + max) / 2 : Math.max(min, Math.min(max, v));
    }
}
