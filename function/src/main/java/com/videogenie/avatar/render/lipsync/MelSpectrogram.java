package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.render.AudioWindow;
import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The 80-band log-mel spectrogram Wav2Lip and Diff2Lip listen to (Wav2Lip's audio.py and hparams):
 * 16 kHz speech, pre-emphasis 0.97, a centred 800-point STFT with a periodic Hann window and hop 200
 * (80 columns a second), magnitudes through 80 area-normalised Slaney mel filters from 55 to 7600 Hz,
 * {@code 20 log10(max(1e-5, m)) - 20}, scaled to [-4, 4]. Column {@code j} is centred on speech
 * sample {@code 200 j}. Sound before the speech is the reflection of its start ({@link Padding#REFLECT},
 * the librosa 0.7 Wav2Lip pins) or silence ({@link Padding#ZEROS}, librosa 0.9 as Diff2Lip pins);
 * sound past the window's end reads as silence, as a stream's future does.
 *
 * <p>Columns are computed from the audio window around each frame and kept in a small ring, so
 * consecutive frames, whose windows share most of their columns, compute each column once.
 */
public final class MelSpectrogram {
    public static final int BANDS = 80;
    public static final int HOP = 200;
    public static final int FFT = 800;
    /** Columns per second of speech. */
    public static final int COLUMNS_PER_SECOND = AudioWindow.SAMPLE_RATE / HOP;
    private static final double PRE_EMPHASIS = 0.97;
    private static final double MIN_LEVEL_DB = -100;
    private static final double REF_LEVEL_DB = 20;
    private static final double MAX_ABS = 4;
    private static final int RING = 128;

    /** What the centred STFT sees before the first sample of the speech. */
    public enum Padding { REFLECT, ZEROS }

    private final Padding padding;
    private final double[][] filters = MelFilters.slaney(AudioWindow.SAMPLE_RATE, FFT, BANDS, 55, 7600);
    private final double[] hann = new double[FFT];
    private final DoubleFFT_1D fft = new DoubleFFT_1D(FFT);
    private final double[] frame = new double[FFT];
    private final double[] magnitude = new double[FFT / 2 + 1];
    private final float[][] ring = new float[RING][BANDS];
    private final long[] ringColumn = new long[RING];

    public MelSpectrogram(Padding padding) {
        this.padding = padding;
        for (int n = 0; n < FFT; n++) {
            hann[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / FFT);
        }
        Arrays.fill(ringColumn, Long.MIN_VALUE);
    }

    /**
     * Samples the window must hold before and after a column's centre for {@link #column} to read
     * it: half an FFT each side and one more before for the pre-emphasis.
     */
    public static int reachBefore() {
        return FFT / 2 + 1;
    }

    public static int reachAfter() {
        return FFT / 2;
    }

    /**
     * Writes {@code count} consecutive columns from {@code first} into {@code out} as
     * {@code [80][count]} row-major (band by band), starting at {@code offset}.
     */
    public void columns(AudioWindow window, long first, int count, float[] out, int offset) {
        for (int c = 0; c < count; c++) {
            float[] column = column(window, first + c);
            for (int band = 0; band < BANDS; band++) {
                out[offset + band * count + c] = column[band];
            }
        }
    }

    /** Column {@code j} (centred on speech sample 200 j), read from the window; valid until the ring wraps. */
    public float[] column(AudioWindow window, long j) {
        int slot = (int) Math.floorMod(j, (long) RING);
        if (ringColumn[slot] == j) {
            return ring[slot];
        }
        long centre = j * HOP;
        for (int n = 0; n < FFT; n++) {
            frame[n] = emphasised(window, centre - FFT / 2 + n) * hann[n];
        }
        fft.realForward(frame);
        magnitude[0] = Math.abs(frame[0]);
        magnitude[FFT / 2] = Math.abs(frame[1]);
        for (int k = 1; k < FFT / 2; k++) {
            magnitude[k] = Math.hypot(frame[2 * k], frame[2 * k + 1]);
        }
        float[] column = ring[slot];
        for (int band = 0; band < BANDS; band++) {
            double[] weights = filters[band];
            double sum = 0;
            for (int k = 0; k < weights.length; k++) {
                sum += weights[k] * magnitude[k];
            }
            double db = 20 * Math.log10(Math.max(1e-5, sum)) - REF_LEVEL_DB;
            double scaled = 2 * MAX_ABS * (db - MIN_LEVEL_DB) / -MIN_LEVEL_DB - MAX_ABS;
            column[band] = (float) Math.max(-MAX_ABS, Math.min(MAX_ABS, scaled));
        }
        ringColumn[slot] = j;
        return column;
    }

    /** The pre-emphasised speech at sample {@code n}, with the padding before sample 0. */
    private double emphasised(AudioWindow window, long n) {
        if (n < 0) {
            return padding == Padding.ZEROS ? 0 : emphasised(window, -n);
        }
        double previous = n == 0 ? 0 : sample(window, n - 1);
        return sample(window, n) - PRE_EMPHASIS * previous;
    }

    private static double sample(AudioWindow window, long n) {
        long at = n - window.start();
        float[] samples = window.samples();
        if (at < 0 || at >= samples.length) {
            if (at < 0) {
                throw new IllegalStateException("sample " + n + " is before the audio window (starts at "
                        + window.start() + "); widen the stage's audio span");
            }
            return 0;
        }
        return samples[(int) at];
    }
}
