package com.videogenie.avatar.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import com.videogenie.avatar.image.ImageOps;
import com.videogenie.avatar.image.RgbImage;
import java.util.ArrayList;
import java.util.List;

/**
 * BlazeFace tensors: letterboxes the photo into a square, NHWC float RGB in [-1, 1]; decodes the
 * anchor-relative boxes and keypoints back into photo pixels. Raw candidates, before suppression.
 */
final class BlazeFaceTranslator implements Translator<RgbImage, List<FaceDetection>> {
    private static final int KEYPOINTS = 6;
    private static final String LETTERBOX = "letterbox";

    private final int inputSize;
    private final float minScore;
    /** Anchor centres in input pixels: 16x16 cells x 2 anchors, then 8x8 cells x 6 anchors. */
    private final float[] anchors;

    BlazeFaceTranslator(int inputSize, float minScore) {
        this.inputSize = inputSize;
        this.minScore = minScore;
        this.anchors = anchorCentres(inputSize);
    }

    static float[] anchorCentres(int inputSize) {
        int[][] layers = {{16, 2}, {8, 6}};
        int count = 16 * 16 * 2 + 8 * 8 * 6;
        float[] centres = new float[count * 2];
        int n = 0;
        for (int[] layer : layers) {
            int grid = layer[0];
            for (int y = 0; y < grid; y++) {
                for (int x = 0; x < grid; x++) {
                    for (int a = 0; a < layer[1]; a++) {
                        centres[n++] = (x + 0.5f) / grid * inputSize;
                        centres[n++] = (y + 0.5f) / grid * inputSize;
                    }
                }
            }
        }
        return centres;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage image) {
        float scale = inputSize / (float) Math.max(image.width(), image.height());
        int w = Math.max(1, Math.round(image.width() * scale));
        int h = Math.max(1, Math.round(image.height() * scale));
        RgbImage resized = ImageOps.resize(image, w, h);
        int padX = (inputSize - w) / 2;
        int padY = (inputSize - h) / 2;
        ctx.setAttachment(LETTERBOX, new float[] {scale, padX, padY});

        // BGR bytes -> RGB floats in [-1, 1], zero (mid-grey) padding around the letterbox.
        float[] data = new float[inputSize * inputSize * 3];
        byte[] bgr = resized.bgr();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int s = (y * w + x) * 3;
                int d = ((y + padY) * inputSize + x + padX) * 3;
                data[d] = (bgr[s + 2] & 0xFF) / 127.5f - 1f;
                data[d + 1] = (bgr[s + 1] & 0xFF) / 127.5f - 1f;
                data[d + 2] = (bgr[s] & 0xFF) / 127.5f - 1f;
            }
        }
        return new NDList(ctx.getNDManager().create(data, new Shape(1, inputSize, inputSize, 3)));
    }

    @Override
    public List<FaceDetection> processOutput(TranslatorContext ctx, NDList outputs) {
        float[] letterbox = (float[]) ctx.getAttachment(LETTERBOX);
        float[] scores512 = null;
        float[] scores384 = null;
        float[] boxes512 = null;
        float[] boxes384 = null;
        // Output names differ between exports; the shapes do not.
        for (NDArray array : outputs) {
            Shape shape = array.getShape();
            long anchorsInLayer = shape.get(1);
            long width = shape.get(shape.dimension() - 1);
            float[] values = array.toFloatArray();
            if (width == 1) {
                if (anchorsInLayer == 512) {
                    scores512 = values;
                } else {
                    scores384 = values;
                }
            } else if (anchorsInLayer == 512) {
                boxes512 = values;
            } else {
                boxes384 = values;
            }
        }
        if (scores512 == null || scores384 == null || boxes512 == null || boxes384 == null) {
            throw new IllegalStateException("unexpected BlazeFace outputs: " + outputs.getShapes());
        }
        List<FaceDetection> found = new ArrayList<>();
        decode(scores512, boxes512, 0, letterbox, found);
        decode(scores384, boxes384, 512, letterbox, found);
        return found;
    }

    private void decode(float[] scores, float[] boxes, int anchorOffset, float[] letterbox, List<FaceDetection> out) {
        float scale = letterbox[0];
        float padX = letterbox[1];
        float padY = letterbox[2];
        for (int i = 0; i < scores.length; i++) {
            float logit = Math.max(-80f, Math.min(80f, scores[i]));
            float score = (float) (1.0 / (1.0 + Math.exp(-logit)));
            if (score < minScore) {
                continue;
            }
            float ax = anchors[(anchorOffset + i) * 2];
            float ay = anchors[(anchorOffset + i) * 2 + 1];
            int b = i * 16;
            float cx = ax + boxes[b];
            float cy = ay + boxes[b + 1];
            float w = boxes[b + 2];
            float h = boxes[b + 3];
            if (w <= 0 || h <= 0) {
                continue;
            }
            float[] keypoints = new float[KEYPOINTS * 2];
            for (int k = 0; k < KEYPOINTS; k++) {
                keypoints[2 * k] = (ax + boxes[b + 4 + 2 * k] - padX) / scale;
                keypoints[2 * k + 1] = (ay + boxes[b + 5 + 2 * k] - padY) / scale;
            }
            out.add(new FaceDetection((cx - w / 2 - padX) / scale, (cy - h / 2 - padY) / scale,
                    w / scale, h / scale, score, keypoints));
        }
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
