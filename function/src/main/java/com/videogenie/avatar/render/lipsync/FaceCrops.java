package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.image.RgbImage;

/**
 * Moving a face box between the frame and a network's square input: bilinear resampling with
 * OpenCV's {@code INTER_LINEAR} geometry (pixel centres aligned, edges clamped, no anti-aliasing),
 * which both references use, in floating point; and the way back, the network's square resampled to
 * the box, rounded to whole levels, and blended into the frame through a mask.
 */
final class FaceCrops {
    /** Channel order of a network's planes. */
    enum Order { RGB, BGR }

    private FaceCrops() {
    }

    /**
     * The box resampled to {@code size x size}, levels 0-255, as 3 planes in {@code order} at
     * {@code out[offset...]}.
     */
    static void crop(RgbImage frame, FaceBox box, int size, Order order, float[] out, int offset) {
        byte[] bgr = frame.bgr();
        int stride = frame.width() * 3;
        int plane = size * size;
        Taps xs = Taps.of(box.width(), size);
        Taps ys = Taps.of(box.height(), size);
        for (int y = 0; y < size; y++) {
            int row0 = (box.y1() + ys.index[y]) * stride;
            int row1 = (box.y1() + ys.next[y]) * stride;
            float fy = ys.weight[y];
            for (int x = 0; x < size; x++) {
                int c0 = (box.x1() + xs.index[x]) * 3;
                int c1 = (box.x1() + xs.next[x]) * 3;
                float fx = xs.weight[x];
                for (int c = 0; c < 3; c++) {
                    float top = (1 - fx) * (bgr[row0 + c0 + c] & 0xff) + fx * (bgr[row0 + c1 + c] & 0xff);
                    float bottom = (1 - fx) * (bgr[row1 + c0 + c] & 0xff) + fx * (bgr[row1 + c1 + c] & 0xff);
                    int channel = order == Order.BGR ? c : 2 - c;
                    out[offset + channel * plane + y * size + x] = (1 - fy) * top + fy * bottom;
                }
            }
        }
    }

    /**
     * The network's square ({@code size x size}, 3 planes in {@code order}, whole levels 0-255)
     * resampled to the box, rounded, and blended into the frame with {@code mask} (box-sized weights,
     * 1 = the network's pixel), rounding to the nearest level.
     */
    static void paste(float[] face, int offset, int size, Order order, FaceBox box, float[] mask, RgbImage frame) {
        byte[] bgr = frame.bgr();
        int stride = frame.width() * 3;
        int plane = size * size;
        int w = box.width();
        int h = box.height();
        Taps xs = Taps.of(size, w);
        Taps ys = Taps.of(size, h);
        for (int y = 0; y < h; y++) {
            int r0 = ys.index[y] * size;
            int r1 = ys.next[y] * size;
            float fy = ys.weight[y];
            int row = (box.y1() + y) * stride;
            for (int x = 0; x < w; x++) {
                float m = mask[y * w + x];
                if (m <= 0) {
                    continue;
                }
                int i0 = xs.index[x];
                int i1 = xs.next[x];
                float fx = xs.weight[x];
                int at = row + (box.x1() + x) * 3;
                for (int c = 0; c < 3; c++) {
                    int base = offset + (order == Order.BGR ? c : 2 - c) * plane;
                    float top = (1 - fx) * face[base + r0 + i0] + fx * face[base + r0 + i1];
                    float bottom = (1 - fx) * face[base + r1 + i0] + fx * face[base + r1 + i1];
                    float generated = (float) Math.floor((1 - fy) * top + fy * bottom + 0.5f);
                    generated = Math.max(0, Math.min(255, generated));
                    float blended = m * generated + (1 - m) * (bgr[at + c] & 0xff);
                    bgr[at + c] = (byte) Math.max(0, Math.min(255, (int) Math.floor(blended + 0.5f)));
                }
            }
        }
    }

    /** Source index, next index and weight per output position of a 1-D bilinear resampling. */
    private record Taps(int[] index, int[] next, float[] weight) {
        static Taps of(int source, int target) {
            int[] index = new int[target];
            int[] next = new int[target];
            float[] weight = new float[target];
            double scale = (double) source / target;
            for (int i = 0; i < target; i++) {
                double at = (i + 0.5) * scale - 0.5;
                int left = (int) Math.floor(at);
                double fraction = at - left;
                if (left < 0) {
                    left = 0;
                    fraction = 0;
                }
                if (left >= source - 1) {
                    left = source - 1;
                    fraction = 0;
                }
                index[i] = left;
                next[i] = Math.min(left + 1, source - 1);
                weight[i] = (float) fraction;
            }
            return new Taps(index, next, weight);
        }
    }
}
