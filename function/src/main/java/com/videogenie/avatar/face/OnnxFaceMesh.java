package com.videogenie.avatar.face;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.ImageOps;
import com.videogenie.avatar.image.RgbImage;
import java.nio.file.Path;

/**
 * MediaPipe Face Mesh through DJL's ONNX Runtime engine. The face is cut out as an upright square
 * (rotated by the eye line) 1.5 times its size, as the model was trained; a second pass re-centres
 * the crop on the first pass's mesh, which tightens the fit for faces the detector boxed loosely.
 */
public final class OnnxFaceMesh implements FaceMesh, AutoCloseable {
    private static final double CROP_SCALE = 1.5;
    private static final int PASSES = 2;

    private final ZooModel<RgbImage, FaceMeshTranslator.Output> model;

    public OnnxFaceMesh(Path modelFile) {
        try {
            this.model = Criteria.builder()
                    .setTypes(RgbImage.class, FaceMeshTranslator.Output.class)
                    .optModelPath(modelFile)
                    .optEngine("OnnxRuntime")
                    .optArgument("sessionOptions", OnnxRuntimeSetup.sessionOptions())
                    .optTranslator(new FaceMeshTranslator())
                    .build()
                    .loadModel();
        } catch (Exception e) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                    "Cannot load face mesh model " + modelFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public FaceLandmarks fit(RgbImage image, FaceDetection detection) {
        double cx = detection.centerX();
        double cy = detection.centerY();
        double size = Math.max(detection.width(), detection.height()) * CROP_SCALE;
        double roll = detection.roll();
        try (Predictor<RgbImage, FaceMeshTranslator.Output> predictor = model.newPredictor()) {
            FaceLandmarks landmarks = null;
            for (int pass = 0; pass < PASSES; pass++) {
                landmarks = fitCrop(predictor, image, cx, cy, size, roll);
                roll = Math.atan2(landmarks.y(MeshRegions.RIGHT_EYE_OUTER) - landmarks.y(MeshRegions.LEFT_EYE_OUTER),
                        landmarks.x(MeshRegions.RIGHT_EYE_OUTER) - landmarks.x(MeshRegions.LEFT_EYE_OUTER));
                double[] box = uprightBounds(landmarks, roll);
                double boxCx = (box[0] + box[2]) / 2;
                double boxCy = (box[1] + box[3]) / 2;
                // Box centre back from the upright frame into the photo.
                cx = boxCx * Math.cos(roll) - boxCy * Math.sin(roll);
                cy = boxCx * Math.sin(roll) + boxCy * Math.cos(roll);
                size = Math.max(box[2] - box[0], box[3] - box[1]) * CROP_SCALE;
            }
            return landmarks;
        } catch (TranslateException e) {
            throw new AvatarException(ErrorCode.INTERNAL_ERROR, "Face mesh failed: " + e.getMessage(), e);
        }
    }

    private static FaceLandmarks fitCrop(Predictor<RgbImage, FaceMeshTranslator.Output> predictor, RgbImage image,
                                         double cx, double cy, double size, double roll) throws TranslateException {
        int n = FaceMeshTranslator.INPUT_SIZE;
        double s = size / n;
        double cos = Math.cos(roll) * s;
        double sin = Math.sin(roll) * s;
        // Crop pixel (u, v) -> photo: centre + R(roll) * s * ((u, v) - n/2), sampled at pixel centres.
        double half = n / 2.0 - 0.5;
        double[] cropToImage = {
            cos, -sin, cx - cos * half + sin * half - 0.5,
            sin, cos, cy - sin * half - cos * half - 0.5};
        RgbImage crop = ImageOps.warpAffine(image, cropToImage, n, n);
        FaceMeshTranslator.Output output = predictor.predict(crop);
        if (output.presenceLogit() <= 0) {
            throw new AvatarException(ErrorCode.NO_FACE_DETECTED,
                    "The photo has no clear human face: the face mesh rejected the detected region. "
                            + "Use a photo with one frontal, unobstructed face.");
        }
        float[] xyz = output.xyz();
        float[] out = new float[xyz.length];
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            double u = xyz[3 * i] - 0.5;
            double v = xyz[3 * i + 1] - 0.5;
            out[3 * i] = (float) (cropToImage[0] * u + cropToImage[1] * v + cropToImage[2]) + 0.5f;
            out[3 * i + 1] = (float) (cropToImage[3] * u + cropToImage[4] * v + cropToImage[5]) + 0.5f;
            out[3 * i + 2] = (float) (xyz[3 * i + 2] * s);
        }
        return new FaceLandmarks(out);
    }

    /** Bounding box {minX, minY, maxX, maxY} of the landmarks rotated upright by -roll. */
    private static double[] uprightBounds(FaceLandmarks landmarks, double roll) {
        double cos = Math.cos(-roll);
        double sin = Math.sin(-roll);
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            double x = landmarks.x(i) * cos - landmarks.y(i) * sin;
            double y = landmarks.x(i) * sin + landmarks.y(i) * cos;
            box[0] = Math.min(box[0], x);
            box[1] = Math.min(box[1], y);
            box[2] = Math.max(box[2], x);
            box[3] = Math.max(box[3], y);
        }
        return box;
    }

    @Override
    public void close() {
        model.close();
    }
}
