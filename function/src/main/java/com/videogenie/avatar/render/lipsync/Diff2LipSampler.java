package com.videogenie.avatar.render.lipsync;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import com.videogenie.avatar.neural.TorchScriptModel;
import java.util.Arrays;
import java.util.Random;

/**
 * Diff2Lip's inference (generate.py, guided_diffusion): the 128x128 RGB crop in [-1, 1]; its lower
 * half (rows 64-127) replaced by one seeded N(0, 1) noise, the same for every frame of the job so the
 * mouth does not shimmer, which is also the starting sample; the crop itself as the reference; the
 * mel chunk {@code [80, 16]}; then deterministic DDIM (eta 0) over the {@link DdimSchedule}, the
 * denoiser's first 3 output channels read as the noise estimate, the clean estimate clipped to
 * [-1, 1]. The sample's lower half over the crop's upper half, to [0, 255] truncated. The loop runs
 * on the network's device: per call only the crops and mel chunks go up and the result comes down.
 */
final class Diff2LipSampler extends LipSyncNetwork {
    static final int SIZE = 128;
    static final Geometry GEOMETRY = new Geometry(SIZE, FaceCrops.Order.RGB, 0, false);
    private static final int PLANE = SIZE * SIZE;
    private static final NDIndex NOISE_ESTIMATE = new NDIndex(":, 0:3");

    private final TorchScriptModel model;
    private final Predictor<NDList, NDList> predictor;
    private final NDManager manager;
    private final DdimSchedule schedule;
    private final float[] images;
    private final float[] noise;
    private final NDArray batchNoise;
    private final NDArray batchMask;

    Diff2LipSampler(TorchScriptModel model, int capacity, int steps, long seed, int fps) {
        super(GEOMETRY, new MelChunks(MelSpectrogram.Padding.ZEROS, MelTiming.DIFF2LIP, fps), capacity);
        this.model = model;
        this.schedule = new DdimSchedule(steps);
        this.manager = model.newManager();
        this.predictor = model.newPredictor();
        this.images = new float[capacity * 3 * PLANE];
        this.noise = noise(seed);
        float[] mask = new float[PLANE];
        for (int p = PLANE / 2; p < PLANE; p++) {
            mask[p] = 1f;
        }
        // Uploaded once: every batch uses the same noise and mask.
        this.batchNoise = manager.create(noise, new Shape(1, 3, SIZE, SIZE)).repeat(0, capacity);
        this.batchMask = manager.create(mask, new Shape(1, 1, SIZE, SIZE)).repeat(0, capacity);
    }

    /** The job's noise, N(0, 1) per value from the job's seed, {@code [3, 128, 128]}. */
    static float[] noise(long seed) {
        Random random = new Random(seed);
        float[] values = new float[3 * PLANE];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    float[] noise() {
        return noise.clone();
    }

    /** Arrays the job's manager holds: the noise and mask only, however many batches have run. */
    int heldArrays() {
        return manager.getManagedArrays().size();
    }

    DdimSchedule schedule() {
        return schedule;
    }




    @Override
    void generate(float[] crops, float[] mels, int count, float[] out) {
        for (int i = 0; i < count * 3 * PLANE; i++) {
            images[i] = crops[i] / 127.5f - 1f;
        }
        float[] result;
        try (NDManager step = manager.newSubManager()) {
            NDArray image = model.upload(step, images, count * 3 * PLANE, new Shape(count, 3, SIZE, SIZE));
            NDArray mel = model.upload(step, mels, count * MelSpectrogram.BANDS * MelTiming.COLUMNS,
                    new Shape(count, MelSpectrogram.BANDS, MelTiming.COLUMNS));
            // Slices of the uploaded noise and mask, owned by this batch: every array derived from
            // them then belongs to the batch too and is freed with it, not kept for the job.
            NDArray mask = batchMask.get(new NDIndex("0:" + count));
            mask.attach(step);
            NDArray start = batchNoise.get(new NDIndex("0:" + count));
            start.attach(step);
            NDArray keep = mask.neg().add(1f);
            NDArray condition = image.mul(keep).add(start.mul(mask));
            NDArray x = start;
            for (int i = schedule.steps() - 1; i >= 0; i--) {
                long[] t = new long[count];
                Arrays.fill(t, schedule.timestep(i));
                NDList inputs = new NDList(x, step.create(t), condition, mask, image, mel);
                NDList outputs = model.run(predictor, inputs, count);
                outputs.attach(step);
                NDArray epsilon = outputs.get(0).get(NOISE_ESTIMATE);
                double abar = schedule.alphaBar(i);
                double previous = schedule.alphaBar(i - 1);
                float recip = (float) Math.sqrt(1 / abar);
                float recipMinusOne = (float) Math.sqrt(1 / abar - 1);
                NDArray scaled = x.mul(recip);
                NDArray clean = scaled.sub(epsilon.mul(recipMinusOne)).clip(-1f, 1f);
                NDArray implied = scaled.sub(clean).div(recipMinusOne);
                x = clean.mul((float) Math.sqrt(previous)).add(implied.mul((float) Math.sqrt(1 - previous)));
            }
            NDArray sample = x.mul(mask).add(image.mul(keep));
            result = model.download(sample.add(1f).div(2f).clip(0f, 1f));
        }
        for (int i = 0; i < count * 3 * PLANE; i++) {
            out[i] = (float) Math.floor(result[i] * 255f);
        }
    }

    @Override
    public void close() {
        predictor.close();
        manager.close();
    }
}
