package com.videogenie.avatar.render.fomm;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.videogenie.avatar.image.AntiAliasResize;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.neural.TorchScriptModel;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * One job's FOMM: the photo's face crop and keypoints, computed once, then for each batch of driving
 * frames the keypoint detector on their crops, the relative motion, the generator, and the generated
 * faces pasted back into the same frames. Crops are the demo's (a fixed square resized to 256x256
 * with anti-aliasing, RGB in [0, 1]); outputs are rounded half to even, as the demo writes them.
 * Buffers are sized for the largest batch once, so the per-frame path allocates nothing that grows.
 */
final class FommAnimator implements AutoCloseable {
    static final int SIZE = 256;
    private static final int PLANE = SIZE * SIZE;
    private static final int TENSOR = 3 * PLANE;
    private static final int K = RelativeKeypoints.COUNT;

    private final TorchScriptModel detector;
    private final TorchScriptModel generator;
    private final Predictor<NDList, NDList> detect;
    private final Predictor<NDList, NDList> generate;
    private final NDManager manager;
    private final FaceCrop crop;
    private final int capacity;
    private final AntiAliasResize down;
    private final AntiAliasResize up;
    private final double[] mask;
    private final double[] cropPixels;
    private final double[] small;
    private final double[] face;
    private final float[] sources;
    private final float[] drivings;
    private final float[] sourceValues;
    private final float[] sourceJacobians;
    private final float[] drivingValues;
    private final float[] drivingJacobians;
    private final float[] values;
    private final float[] jacobians;
    private final RelativeKeypoints keypoints;
    // The source's tensors are the same for every frame: uploaded once, for full batches.
    private final NDList sourceInputs;

    FommAnimator(TorchScriptModel detector, TorchScriptModel generator, RgbImage source, FaceCrop crop, int capacity) {
        this.detector = detector;
        this.generator = generator;
        this.crop = crop;
        this.capacity = capacity;
        this.manager = NDManager.newBaseManager(detector.device());
        this.detect = detector.newPredictor();
        this.generate = generator.newPredictor();
        int side = crop.side();
        this.down = new AntiAliasResize(side, side, SIZE, SIZE, 3);
        this.up = new AntiAliasResize(SIZE, SIZE, side, side, 3);
        this.mask = FeatherMask.of(side);
        this.cropPixels = new double[side * side * 3];
        this.small = new double[TENSOR];
        this.face = new double[side * side * 3];
        this.sources = new float[capacity * TENSOR];
        this.drivings = new float[capacity * TENSOR];
        this.drivingValues = new float[capacity * 2 * K];
        this.drivingJacobians = new float[capacity * 4 * K];
        this.values = new float[capacity * 2 * K];
        this.jacobians = new float[capacity * 4 * K];
        this.sourceValues = new float[capacity * 2 * K];
        this.sourceJacobians = new float[capacity * 4 * K];
        float[] value = new float[2 * K];
        float[] jacobian = new float[4 * K];
        try {
            toTensor(source, sources, 0);
            detectKeypoints(sources, 1, value, jacobian);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        for (int b = 0; b < capacity; b++) {
            System.arraycopy(sources, 0, sources, b * TENSOR, TENSOR);
            System.arraycopy(value, 0, sourceValues, b * 2 * K, 2 * K);
            System.arraycopy(jacobian, 0, sourceJacobians, b * 4 * K, 4 * K);
        }
        this.keypoints = new RelativeKeypoints(value, jacobian);
        this.sourceInputs = sourceTensors(manager, capacity);
    }

    FaceCrop crop() {
        return crop;
    }

    /**
     * Redraws the face in {@code frames[0..count)}: each is a driving frame going in and the output
     * coming out. The first frame this animator ever sees is the pose the motion is measured from.
     */
    void animate(RgbImage[] frames, int count) {
        if (count < 1 || count > capacity) {
            throw new IllegalArgumentException("a batch of 1-" + capacity + " frames, got " + count);
        }
        for (int b = 0; b < count; b++) {
            toTensor(frames[b], drivings, b);
        }
        detectKeypoints(drivings, count, drivingValues, drivingJacobians);
        if (!keypoints.hasInitial()) {
            keypoints.setInitial(Arrays.copyOf(drivingValues, 2 * K), Arrays.copyOf(drivingJacobians, 4 * K));
        }
        for (int b = 0; b < count; b++) {
            keypoints.apply(drivingValues, drivingJacobians, b, values, jacobians, b);
        }
        float[] predictions;
        try (NDManager step = manager.newSubManager()) {
            NDList source = count == capacity ? sourceInputs : sourceTensors(step, count);
            NDList inputs = new NDList(
                    source.get(0),
                    step.create(FloatBuffer.wrap(values, 0, count * 2 * K), new Shape(count, K, 2)),
                    step.create(FloatBuffer.wrap(jacobians, 0, count * 4 * K), new Shape(count, K, 2, 2)),
                    source.get(1),
                    source.get(2));
            NDList outputs = generator.run(generate, inputs, count);
            predictions = outputs.get(0).toFloatArray();
            outputs.close();
        }
        for (int b = 0; b < count; b++) {
            paste(predictions, b, frames[b]);
        }
    }

    /** FOMM's adapt_movement_scale for this job, once the first driving frame is in. */
    float movementScale() {
        return keypoints.scale();
    }

    /** The relative keypoints of slot {@code b} of the last batch: 10 (x, y) then 10 row-major 2x2 Jacobians. */
    float[] lastKeypoints(int b) {
        float[] out = new float[6 * K];
        System.arraycopy(values, b * 2 * K, out, 0, 2 * K);
        System.arraycopy(jacobians, b * 4 * K, out, 2 * K, 4 * K);
        return out;
    }

    /** The source image, keypoints and Jacobians repeated for a batch of {@code count}, on {@code owner}. */
    private NDList sourceTensors(NDManager owner, int count) {
        return new NDList(
                owner.create(FloatBuffer.wrap(sources, 0, count * TENSOR), new Shape(count, 3, SIZE, SIZE)),
                owner.create(FloatBuffer.wrap(sourceValues, 0, count * 2 * K), new Shape(count, K, 2)),
                owner.create(FloatBuffer.wrap(sourceJacobians, 0, count * 4 * K), new Shape(count, K, 2, 2)));
    }

    private void detectKeypoints(float[] images, int count, float[] value, float[] jacobian) {
        try (NDManager step = manager.newSubManager()) {
            NDArray input = step.create(FloatBuffer.wrap(images, 0, count * TENSOR), new Shape(count, 3, SIZE, SIZE));
            NDList outputs = detector.run(detect, new NDList(input), count);
            float[] v = outputs.get(0).toFloatArray();
            float[] j = outputs.get(1).toFloatArray();
            outputs.close();
            System.arraycopy(v, 0, value, 0, count * 2 * K);
            System.arraycopy(j, 0, jacobian, 0, count * 4 * K);
        }
    }

    /** The crop of {@code frame} as slot {@code b} of an NCHW RGB tensor in [0, 1]. */
    private void toTensor(RgbImage frame, float[] tensor, int b) {
        byte[] bgr = frame.bgr();
        int side = crop.side();
        int i = 0;
        for (int y = 0; y < side; y++) {
            int row = ((crop.top() + y) * frame.width() + crop.left()) * 3;
            for (int x = 0; x < side; x++) {
                int p = row + 3 * x;
                cropPixels[i++] = (bgr[p + 2] & 0xff) / 255.0;
                cropPixels[i++] = (bgr[p + 1] & 0xff) / 255.0;
                cropPixels[i++] = (bgr[p] & 0xff) / 255.0;
            }
        }
        down.apply(cropPixels, small);
        int base = b * TENSOR;
        for (int p = 0; p < PLANE; p++) {
            tensor[base + p] = (float) small[3 * p];
            tensor[base + PLANE + p] = (float) small[3 * p + 1];
            tensor[base + 2 * PLANE + p] = (float) small[3 * p + 2];
        }
    }

    /** Pastes slot {@code b} of the generator's output into the frame's crop through the feathered mask. */
    private void paste(float[] predictions, int b, RgbImage frame) {
        int base = b * TENSOR;
        for (int p = 0; p < PLANE; p++) {
            small[3 * p] = predictions[base + p];
            small[3 * p + 1] = predictions[base + PLANE + p];
            small[3 * p + 2] = predictions[base + 2 * PLANE + p];
        }
        up.apply(small, face);
        byte[] bgr = frame.bgr();
        int side = crop.side();
        for (int y = 0; y < side; y++) {
            int row = ((crop.top() + y) * frame.width() + crop.left()) * 3;
            for (int x = 0; x < side; x++) {
                double m = mask[y * side + x];
                if (m == 0) {
                    continue;
                }
                int p = row + 3 * x;
                int f = 3 * (y * side + x);
                for (int c = 0; c < 3; c++) {
                    int at = p + 2 - c;
                    double blended = m * (face[f + c] * 255.0) + (1 - m) * (bgr[at] & 0xff);
                    bgr[at] = (byte) Math.max(0, Math.min(255, (int) Math.rint(blended)));
                }
            }
        }
    }

    @Override
    public void close() {
        if (detect != null) {
            detect.close();
        }
        if (generate != null) {
            generate.close();
        }
        manager.close();
    }
}
