package com.videogenie.avatar.render.lipsync;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.videogenie.avatar.neural.TorchScriptModel;

/**
 * Wav2Lip's inference on one job's batches (Wav2Lip inference.py): the 96x96 BGR crop in [0, 1]
 * twice, once with its lower half (rows 48-95) blanked for the network to fill and once whole as the
 * identity reference, 6 channels; the mel chunk {@code [1, 80, 16]}; the output {@code [3, 96, 96]}
 * in (0, 1) times 255, truncated to whole levels as the reference writes it.
 */
final class Wav2LipNetwork extends LipSyncNetwork {
    static final int SIZE = 96;
    static final Geometry GEOMETRY = new Geometry(SIZE, FaceCrops.Order.BGR, LipSyncStage.CHIN_PAD, false);
    private static final int PLANE = SIZE * SIZE;

    private final TorchScriptModel model;
    private final Predictor<NDList, NDList> predictor;
    private final NDManager manager;
    private final float[] faces;

    Wav2LipNetwork(TorchScriptModel model, int capacity, int fps) {
        super(GEOMETRY, new MelChunks(MelSpectrogram.Padding.REFLECT, MelTiming.WAV2LIP, fps), capacity);
        this.model = model;
        this.manager = model.newManager();
        this.predictor = model.newPredictor();
        this.faces = new float[capacity * 6 * PLANE];
    }




    @Override
    void generate(float[] crops, float[] mels, int count, float[] out) {
        for (int b = 0; b < count; b++) {
            int from = b * 3 * PLANE;
            int to = b * 6 * PLANE;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < PLANE; p++) {
                    float level = crops[from + c * PLANE + p] / 255f;
                    faces[to + c * PLANE + p] = p < PLANE / 2 ? level : 0f;
                    faces[to + (3 + c) * PLANE + p] = level;
                }
            }
        }
        float[] result;
        try (NDManager step = manager.newSubManager()) {
            NDList inputs = new NDList(
                    model.upload(step, mels, count * MelSpectrogram.BANDS * MelTiming.COLUMNS,
                            new Shape(count, 1, MelSpectrogram.BANDS, MelTiming.COLUMNS)),
                    model.upload(step, faces, count * 6 * PLANE, new Shape(count, 6, SIZE, SIZE)));
            NDList outputs = model.run(predictor, inputs, count);
            outputs.attach(step);
            result = model.download(outputs.get(0));
        }
        for (int i = 0; i < count * 3 * PLANE; i++) {
            out[i] = (float) Math.floor(Math.max(0f, Math.min(1f, result[i])) * 255f);
        }
    }

    @Override
    public void close() {
        predictor.close();
        manager.close();
    }
}
