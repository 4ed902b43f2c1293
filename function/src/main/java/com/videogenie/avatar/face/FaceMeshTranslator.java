package com.videogenie.avatar.face;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import com.videogenie.avatar.image.RgbImage;

/** Face-mesh tensors: a square BGR crop -> NCHW float RGB in [0, 1]; outputs -> crop-pixel points. */
final class FaceMeshTranslator implements Translator<RgbImage, FaceMeshTranslator.Output> {
    static final int INPUT_SIZE = 192;

    /** Landmarks (x, y, z) in crop pixels and the face-presence logit (> 0 means a face). */
    record Output(float[] xyz, float presenceLogit) {
    }

    @Override
    public NDList processInput(TranslatorContext ctx, RgbImage crop) {
        if (crop.width() != INPUT_SIZE || crop.height() != INPUT_SIZE) {
            throw new IllegalArgumentException("face mesh takes " + INPUT_SIZE + "px crops");
        }
        int plane = INPUT_SIZE * INPUT_SIZE;
        float[] data = new float[plane * 3];
        byte[] bgr = crop.bgr();
        for (int p = 0; p < plane; p++) {
            data[p] = (bgr[p * 3 + 2] & 0xFF) / 255f;
            data[plane + p] = (bgr[p * 3 + 1] & 0xFF) / 255f;
            data[2 * plane + p] = (bgr[p * 3] & 0xFF) / 255f;
        }
        return new NDList(ctx.getNDManager().create(data, new Shape(1, 3, INPUT_SIZE, INPUT_SIZE)));
    }

    @Override
    public Output processOutput(TranslatorContext ctx, NDList outputs) {
        float[] xyz = null;
        float presence = Float.NaN;
        for (NDArray array : outputs) {
            long size = array.getShape().size();
            if (size == FaceLandmarks.COUNT * 3L) {
                xyz = array.toFloatArray();
            } else if (size == 1) {
                presence = array.toFloatArray()[0];
            }
        }
        if (xyz == null || Float.isNaN(presence)) {
            throw new IllegalStateException("unexpected face mesh outputs: " + outputs.getShapes());
        }
        return new Output(xyz, presence);
    }

    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
