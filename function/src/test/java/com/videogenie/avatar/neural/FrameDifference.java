package com.videogenie.avatar.neural;

import com.videogenie.avatar.image.RgbImage;

/** How far two frames of the same size are apart, in levels (0-255) over every pixel and channel. */
public record FrameDifference(double mean, int largest) {
    public static FrameDifference of(RgbImage a, RgbImage b) {
        byte[] x = a.bgr();
        byte[] y = b.bgr();
        if (x.length != y.length) {
            throw new IllegalArgumentException("frames of different sizes");
        }
        long sum = 0;
        int worst = 0;
        for (int i = 0; i < x.length; i++) {
            int d = Math.abs((x[i] & 0xff) - (y[i] & 0xff));
            sum += d;
            worst = Math.max(worst, d);
        }
        return new FrameDifference((double) sum / x.length, worst);
    }
}
