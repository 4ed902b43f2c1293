package com.videogenie.avatar.speech;

import java.util.Random;

/**
 * Speech-like test signals: a glottal pulse train through formant resonators for vowels and
 * nasals, high-passed noise for /s/, white noise for hiss. Seeded, so every run sees the same audio.
 */
final class SyntheticSpeech {
    static final int RATE = 16000;
    static final double[] A = {750, 1200, 2500};
    static final double[] I = {280, 2300, 3000};
    static final double[] U = {300, 800, 2300};
    /** /m/ murmur: a low resonance doubled, as the closed mouth damps everything above it. */
    static final double[] M = {250, 250};

    private final int rate;

    SyntheticSpeech(int rate) {
        this.rate = rate;
    }

    /** A voiced sound at 120 Hz with the given formants, scaled to {@code rms}, 5 ms edges. */
    float[] voiced(double seconds, double[] formants, double rms) {
        int n = (int) Math.round(seconds * rate);
        double[] signal = new double[n];
        double period = rate / 120.0;
        double phase = period;
        double leak = Math.exp(-2 * Math.PI * 250 / rate);
        double source = 0;
        double tilt = 0;
        for (int i = 0; i < n; i++) {
            phase += 1;
            double pulse = 0;
            if (phase >= period) {
                phase -= period;
                pulse = 1;
            }
            // Two leaky integrators give the glottal source its -12 dB/octave tilt above 250 Hz.
            source = leak * source + pulse;
            tilt = leak * tilt + source;
            signal[i] = tilt;
        }
        for (double formant : formants) {
            resonate(signal, formant, 60 + 0.05 * formant);
        }
        // Radiation at the lips differentiates: +6 dB/octave, and no DC.
        for (int i = n - 1; i > 0; i--) {
            signal[i] -= signal[i - 1];
        }
        return shape(signal, rms);
    }

    /** /s/: white noise high-passed above about 4 kHz. */
    float[] sibilant(double seconds, double rms, long seed) {
        double[] noise = noise(seconds, seed);
        double[] high = new double[noise.length];
        for (int pass = 0; pass < 3; pass++) {
            double before = 0;
            for (int i = 0; i < noise.length; i++) {
                high[i] = noise[i] - before;
                before = noise[i];
            }
            System.arraycopy(high, 0, noise, 0, noise.length);
        }
        return shape(noise, rms);
    }

    float[] hiss(double seconds, double rms, long seed) {
        return shape(noise(seconds, seed), rms);
    }

    float[] silence(double seconds) {
        return new float[(int) Math.round(seconds * rate)];
    }

    static float[] concat(float[]... parts) {
        int length = 0;
        for (float[] part : parts) {
            length += part.length;
        }
        float[] out = new float[length];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Sample-wise sum, the result as long as {@code a}. */
    static float[] mix(float[] a, float[] b) {
        float[] out = a.clone();
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            out[i] += b[i];
        }
        return out;
    }

    static float[] scale(float[] signal, float gain) {
        float[] out = signal.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= gain;
        }
        return out;
    }

    private double[] noise(double seconds, long seed) {
        Random random = new Random(seed);
        double[] noise = new double[(int) Math.round(seconds * rate)];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        return noise;
    }

    /** Two-pole resonator with unit gain at DC. */
    private void resonate(double[] signal, double hz, double bandwidth) {
        double c = -Math.exp(-2 * Math.PI * bandwidth / rate);
        double b = 2 * Math.exp(-Math.PI * bandwidth / rate) * Math.cos(2 * Math.PI * hz / rate);
        double a = 1 - b - c;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < signal.length; i++) {
            double y = a * signal[i] + b * y1 + c * y2;
            y2 = y1;
            y1 = y;
            signal[i] = y;
        }
    }

    private float[] shape(double[] signal, double rms) {
        double sum = 0;
        for (double v : signal) {
            sum += v * v;
        }
        double gain = sum > 0 ? rms / Math.sqrt(sum / signal.length) : 0;
        int edge = (int) Math.round(0.005 * rate);
        float[] out = new float[signal.length];
        for (int i = 0; i < signal.length; i++) {
            double fade = Math.min(1, Math.min(i, signal.length - 1 - i) / (double) edge);
            out[i] = (float) (signal[i] * gain * fade);
        }
        return out;
    }
}
