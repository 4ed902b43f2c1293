package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.render.AudioWindow;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Whisper's log-mel input for one 30 s segment, as its feature extractor computes it (what MuseTalk
 * feeds whisper-tiny): the segment padded with silence to 30 s, a centred 400-point STFT (periodic
 * Hann, hop 160, the ends reflected), power spectrum, 80 Slaney mel filters from 0 to 8000 Hz,
 * {@code log10(max(1e-10, m))}, the last frame dropped (3000 frames), floored at the segment's maximum
 * minus 8, then {@code (x + 4) / 4}.
 */
final class WhisperMel {
    static final int BANDS = 80;
    static final int FRAMES = 3000;
    static final int SEGMENT = 30 * AudioWindow.SAMPLE_RATE;
    private static final int FFT = 400;
    private static final int HOP = 160;

    private final double[][] filters = MelFilters.slaney(AudioWindow.SAMPLE_RATE, FFT, BANDS, 0, 8000);
    private final double[] hann = new double[FFT];
    private final DoubleFFT_1D fft = new DoubleFFT_1D(FFT);
    private final double[] frame = new double[FFT];
    private final double[] power = new double[FFT / 2 + 1];

    WhisperMel() {
        for (int n = 0; n < FFT; n++) {
            hann[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / FFT);
        }
    }

    /** The segment of {@code speech} starting at sample {@code start}, as {@code [80][3000]} row-major. */
    float[] segment(float[] speech, int start) {
        double[] log = new double[BANDS * FRAMES];
        double max = -Double.MAX_VALUE;
        for (int t = 0; t < FRAMES; t++) {
            int centre = t * HOP;
            for (int n = 0; n < FFT; n++) {
                frame[n] = sample(speech, start, centre - FFT / 2 + n) * hann[n];
            }
            fft.realForward(frame);
            power[0] = frame[0] * frame[0];
            power[FFT / 2] = frame[1] * frame[1];
            for (int k = 1; k < FFT / 2; k++) {
                power[k] = frame[2 * k] * frame[2 * k] + frame[2 * k + 1] * frame[2 * k + 1];
            }
            for (int band = 0; band < BANDS; band++) {
                double[] weights = filters[band];
                double sum = 0;
                for (int k = 0; k < weights.length; k++) {
                    sum += weights[k] * power[k];
                }
                double value = Math.log10(Math.max(1e-10, sum));
                log[band * FRAMES + t] = value;
                max = Math.max(max, value);
            }
        }
        float[] out = new float[BANDS * FRAMES];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((Math.max(log[i], max - 8.0) + 4.0) / 4.0);
        }
        return out;
    }

    /**
     * Sample {@code n} of the 30 s padded segment: the speech, silence after it up to 30 s, and the
     * reflection of the padded segment beyond either end (the STFT's centring).
     */
    private static double sample(float[] speech, int start, int n) {
        int at = n < 0 ? -n : n >= SEGMENT ? 2 * (SEGMENT - 1) - n : n;
        long index = (long) start + at;
        return index < speech.length ? speech[(int) index] : 0;
    }
}
