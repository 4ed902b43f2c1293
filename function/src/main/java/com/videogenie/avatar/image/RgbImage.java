package com.videogenie.avatar.image;

/**
 * An 8-bit image with interleaved BGR pixels (the byte order OpenCV and FFmpeg's BGR24 use, so frames
 * cross into native code without conversion). Mutable on purpose: the per-frame path reuses buffers.
 */
public final class RgbImage {
    private final int width;
    private final int height;
    private final byte[] bgr;

    public RgbImage(int width, int height) {
        this(width, height, new byte[checkedSize(width, height)]);
    }

    public RgbImage(int width, int height, byte[] bgr) {
        if (bgr.length != checkedSize(width, height)) {
            throw new IllegalArgumentException("pixel buffer holds " + bgr.length + " bytes, "
                    + width + "x" + height + " BGR needs " + checkedSize(width, height));
        }
        this.width = width;
        this.height = height;
        this.bgr = bgr;
    }

    private static int checkedSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive: " + width + "x" + height);
        }
        return Math.multiplyExact(Math.multiplyExact(width, height), 3);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The backing buffer, row-major, 3 bytes (B, G, R) per pixel, no row padding. */
    public byte[] bgr() {
        return bgr;
    }

    public void copyFrom(RgbImage other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("size mismatch");
        }
        System.arraycopy(other.bgr, 0, bgr, 0, bgr.length);
    }

    public RgbImage copy() {
        return new RgbImage(width, height, bgr.clone());
    }

    /** Luma-weighted grey value of one pixel, 0..255. */
    public int luma(int x, int y) {
        int i = (y * width + x) * 3;
        return ((bgr[i] & 0xFF) * 29 + (bgr[i + 1] & 0xFF) * 150 + (bgr[i + 2] & 0xFF) * 77) >> 8;
    }
}
