package com.videogenie.avatar.render.restore;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.neural.TorchScriptModel;
import com.videogenie.avatar.render.FrameBatch;
import com.videogenie.avatar.render.FrameEnhancer;

/**
 * One job's GFPGAN v1.4 pass (facexlib's face_restoration_helper, upscale 1, no face parsing): each
 * frame's face aligned to the 512x512 FFHQ template from the five points the renderer reported
 * (border grey 135,133,132), RGB in [-1, 1], the network on the batch, the output clamped and rounded
 * to levels, warped back through the inverse transform and blended through the {@link SoftMask},
 * rounded to whole levels (facexlib truncates, which darkens the whole blend region by up to a level). It runs after the mouth stage, so the redrawn mouth is
 * restored too. Buffers are sized once for the batch and the frame.
 */
final class GfpganPass implements FrameEnhancer.Pass {
    private static final int SIZE = FaceAlignment.SIZE;
    private static final int PLANE = SIZE * SIZE;
    private static final float[] BORDER_BGR = {135, 133, 132};

    private final TorchScriptModel model;
    private final Predictor<NDList, NDList> predictor;
    private final NDManager manager;
    private final int capacity;
    private final int width;
    private final int height;
    private final float[] aligned = new float[3 * PLANE];
    private final float[] input;
    private final float[] face = new float[3 * PLANE];
    private final float[] warped;
    private final float[] mask;
    private final float[] soft;
    private final float[] scratch;
    private final FaceAlignment[] alignments;
    private final int[] slots;

    GfpganPass(TorchScriptModel model, int capacity, int width, int height) {
        this.model = model;
        this.capacity = capacity;
        this.width = width;
        this.height = height;
        this.manager = model.newManager();
        this.predictor = model.newPredictor();
        this.input = new float[capacity * 3 * PLANE];
        this.warped = new float[3 * width * height];
        this.mask = new float[width * height];
        this.soft = new float[width * height];
        this.scratch = new float[width * height];
        this.alignments = new FaceAlignment[capacity];
        this.slots = new int[capacity];
    }

    @Override
    public int batchSize() {
        return capacity;
    }

    @Override
    public void enhance(FrameBatch batch) {
        int slot = 0;
        while (slot < batch.size()) {
            int count = 0;
            for (; slot < batch.size() && count < capacity; slot++) {
                FaceAlignment alignment = FaceAlignment.fit(FaceAlignment.points(batch.face(slot)));
                if (alignment == null) {
                    continue;
                }
                RgbImage frame = batch.image(slot);
                AffineWarp.warp(frame.bgr(), width, height, alignment.backward(), aligned, SIZE, SIZE, BORDER_BGR);
                int base = count * 3 * PLANE;
                for (int p = 0; p < PLANE; p++) {
                    for (int c = 0; c < 3; c++) {
                        input[base + c * PLANE + p] = (aligned[3 * p + 2 - c] / 255f - 0.5f) / 0.5f;
                    }
                }
                alignments[count] = alignment;
                slots[count] = slot;
                count++;
            }
            if (count == 0) {
                continue;
            }
            float[] restored;
            try (NDManager step = manager.newSubManager()) {
                NDList outputs = model.run(predictor, new NDList(model.upload(step, input, count * 3 * PLANE,
                        new Shape(count, 3, SIZE, SIZE))), count);
                outputs.attach(step);
                restored = model.download(outputs.get(0).clip(-1f, 1f).add(1f).div(2f).mul(255f));
            }
            for (int k = 0; k < count; k++) {
                int base = k * 3 * PLANE;
                for (int p = 0; p < PLANE; p++) {
                    for (int c = 0; c < 3; c++) {
                        face[3 * p + 2 - c] = (float) Math.rint(restored[base + c * PLANE + p]);
                    }
                }
                paste(batch.image(slots[k]), alignments[k]);
            }
        }
    }

    /** The restored face back into the frame through facexlib's soft mask. */
    private void paste(RgbImage frame, FaceAlignment alignment) {
        AffineWarp.back(face, SIZE, alignment.forward(), warped, mask, width, height);
        SoftMask.erode(mask, width, height, 2, scratch);
        double area = 0;
        for (float m : mask) {
            area += m;
        }
        int edge = (int) Math.sqrt(area) / 20;
        System.arraycopy(mask, 0, soft, 0, mask.length);
        SoftMask.erode(soft, width, height, 2 * edge, scratch);
        SoftMask.blur(soft, width, height, 2 * edge + 1, scratch);
        byte[] bgr = frame.bgr();
        for (int i = 0; i < mask.length; i++) {
            float s = soft[i];
            float m = mask[i];
            if (s <= 0 && m <= 0) {
                continue;
            }
            for (int c = 0; c < 3; c++) {
                float blended = s * (m * warped[3 * i + c]) + (1 - s) * (bgr[3 * i + c] & 0xff);
                bgr[3 * i + c] = (byte) Math.max(0, Math.min(255, (int) Math.floor(blended + 0.5f)));
            }
        }
    }

    @Override
    public void close() {
        predictor.close();
        manager.close();
    }
}
