package com.videogenie.avatar.face;

import ai.djl.inference.Predictor;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * BlazeFace through DJL's ONNX Runtime engine. The short-range model (faces filling much of the
 * photo) runs first; the full-range model is asked only when it finds nothing, for small faces.
 */
public final class OnnxFaceDetector implements FaceDetector, AutoCloseable {
    static final float MIN_SCORE = 0.5f;
    private static final float SUPPRESSION_OVERLAP = 0.3f;

    private final ZooModel<RgbImage, List<FaceDetection>> shortRange;
    private final ZooModel<RgbImage, List<FaceDetection>> fullRange;

    public OnnxFaceDetector(Path shortRangeModel, Path fullRangeModel) {
        this.shortRange = load(shortRangeModel, 128);
        try {
            this.fullRange = load(fullRangeModel, 256);
        } catch (RuntimeException e) {
            shortRange.close();
            throw e;
        }
    }

    private static ZooModel<RgbImage, List<FaceDetection>> load(Path model, int inputSize) {
        try {
            return Criteria.builder()
                    .setTypes(RgbImage.class, (Class<List<FaceDetection>>) (Class<?>) List.class)
                    .optModelPath(model)
                    .optEngine("OnnxRuntime")
                    .optArgument("sessionOptions", OnnxRuntimeSetup.sessionOptions())
                    .optTranslator(new BlazeFaceTranslator(inputSize, MIN_SCORE))
                    .build()
                    .loadModel();
        } catch (Exception e) {
            throw new AvatarException(ErrorCode.MODEL_UNAVAILABLE,
                    "Cannot load face detection model " + model + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<FaceDetection> detect(RgbImage image) {
        List<FaceDetection> faces = run(shortRange, image);
        if (faces.isEmpty()) {
            faces = run(fullRange, image);
        }
        return faces;
    }

    private static List<FaceDetection> run(ZooModel<RgbImage, List<FaceDetection>> model, RgbImage image) {
        try (Predictor<RgbImage, List<FaceDetection>> predictor = model.newPredictor()) {
            return suppress(predictor.predict(image));
        } catch (TranslateException e) {
            throw new AvatarException(ErrorCode.INTERNAL_ERROR, "Face detection failed: " + e.getMessage(), e);
        }
    }

    /** Weighted non-maximum suppression: overlapping candidates are averaged by score, which steadies boxes. */
    static List<FaceDetection> suppress(List<FaceDetection> candidates) {
        List<FaceDetection> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(FaceDetection::score).reversed());
        List<FaceDetection> kept = new ArrayList<>();
        while (!remaining.isEmpty()) {
            FaceDetection best = remaining.get(0);
            List<FaceDetection> cluster = new ArrayList<>();
            for (FaceDetection candidate : remaining) {
                if (candidate == best || best.overlap(candidate) > SUPPRESSION_OVERLAP) {
                    cluster.add(candidate);
                }
            }
            remaining.removeAll(cluster);
            kept.add(average(cluster, best.score()));
        }
        return kept;
    }

    private static FaceDetection average(List<FaceDetection> cluster, float score) {
        float total = 0;
        float x = 0;
        float y = 0;
        float w = 0;
        float h = 0;
        float[] keypoints = new float[12];
        for (FaceDetection d : cluster) {
            float weight = d.score();
            total += weight;
            x += d.x() * weight;
            y += d.y() * weight;
            w += d.width() * weight;
            h += d.height() * weight;
            for (int k = 0; k < 12; k++) {
                keypoints[k] += d.keypoints()[k] * weight;
            }
        }
        for (int k = 0; k < 12; k++) {
            keypoints[k] /= total;
        }
        return new FaceDetection(x / total, y / total, w / total, h / total, score, keypoints);
    }

    @Override
    public void close() {
        shortRange.close();
        fullRange.close();
    }
}
