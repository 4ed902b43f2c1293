package com.videogenie.avatar.render.lipsync;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.videogenie.avatar.neural.TorchScriptModel;

/**
 * MuseTalk 1.5's inference (scripts/inference.py, musetalk/models): the face box with the nose tip at
 * its middle, resized to 256x256, RGB in [-1, 1], once with its lower half blanked (to -1) and once
 * whole; the VAE encoder (sd-vae-ft-mse, latents scaled by 0.18215) on both, concatenated to 8x32x32;
 * one UNet pass at timestep 0 conditioned on the frame's whisper features; the VAE decoder; then
 * {@code round(clamp(x / 2 + 0.5, 0, 1) * 255)}. The latents stay on the networks' device between
 * the three networks: per call only the crops and the audio go up and the faces come down.
 */
final class MuseTalkNetwork extends LipSyncNetwork {
    static final int SIZE = 256;
    static final Geometry GEOMETRY = new Geometry(SIZE, FaceCrops.Order.RGB, 0, true);
    private static final int PLANE = SIZE * SIZE;

    private final TorchScriptModel encoder;
    private final TorchScriptModel unet;
    private final TorchScriptModel decoder;
    private final Predictor<NDList, NDList> encode;
    private final Predictor<NDList, NDList> denoise;
    private final Predictor<NDList, NDList> decode;
    private final NDManager manager;
    private final float[] images;

    MuseTalkNetwork(TorchScriptModel encoder, TorchScriptModel unet, TorchScriptModel decoder, WhisperChunks audio,
                    int capacity) {
        super(GEOMETRY, audio, capacity);
        this.encoder = encoder;
        this.unet = unet;
        this.decoder = decoder;
        this.manager = unet.newManager();
        this.encode = encoder.newPredictor();
        this.denoise = unet.newPredictor();
        this.decode = decoder.newPredictor();
        // The masked copies first, then the whole crops: one encoder call for both.
        this.images = new float[2 * capacity * 3 * PLANE];
    }




    @Override
    void generate(float[] crops, float[] sound, int count, float[] out) {
        int face = 3 * PLANE;
        for (int b = 0; b < count; b++) {
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < PLANE; p++) {
                    float value = crops[b * face + c * PLANE + p] / 255f;
                    images[b * face + c * PLANE + p] = ((p < PLANE / 2 ? value : 0f) - 0.5f) / 0.5f;
                    images[(count + b) * face + c * PLANE + p] = (value - 0.5f) / 0.5f;
                }
            }
        }
        float[] result;
        try (NDManager step = manager.newSubManager()) {
            NDArray both = encoder.upload(step, images, 2 * count * face, new Shape(2L * count, 3, SIZE, SIZE));
            NDList encoded = encoder.run(encode, new NDList(both), 2 * count);
            encoded.attach(step);
            NDArray latents = encoded.get(0);
            NDArray input = NDArrays.concat(new NDList(latents.get(new NDIndex("0:" + count)),
                    latents.get(new NDIndex(count + ":" + 2 * count))), 1);
            NDArray features = unet.upload(step, sound, count * audio().size(),
                    new Shape(count, WhisperChunks.TOKENS, WhisperChunks.WIDTH));
            NDList predicted = unet.run(denoise, new NDList(input, features), count);
            predicted.attach(step);
            NDList decoded = decoder.run(decode, new NDList(predicted.get(0)), count);
            decoded.attach(step);
            result = decoder.download(decoded.get(0).div(2f).add(0.5f).clip(0f, 1f).mul(255f));
        }
        for (int i = 0; i < count * face; i++) {
            out[i] = (float) Math.rint(result[i]);
        }
    }

    @Override
    public void close() {
        encode.close();
        denoise.close();
        decode.close();
        manager.close();
    }
}
