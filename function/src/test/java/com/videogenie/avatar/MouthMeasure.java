package com.videogenie.avatar;

import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.speech.AudioClip;
import java.util.List;

/** Measures a video the way a viewer judges lip sync: mouth opening per frame against the sound. */
public final class MouthMeasure {
    private MouthMeasure() {
    }

    /** Inner-lip gap over face height per frame, from the face mesh re-fitted on each frame. */
    public static double[] openings(FaceLocator faces, List<RgbImage> frames) {
        double[] open = new double[frames.size()];
        for (int i = 0; i < open.length; i++) {
            open[i] = faces.locate(frames.get(i)).landmarks().mouthOpening();
        }
        return open;
    }

    /** RMS loudness of the audio during each frame [i/fps, (i+1)/fps). */
    public static double[] envelope(AudioClip audio, int fps, int frames) {
        double[] rms = new double[frames];
        float[] s = audio.samples();
        for (int i = 0; i < frames; i++) {
            int from = (int) ((long) i * audio.sampleRate() / fps);
            int to = (int) Math.min(s.length, (long) (i + 1) * audio.sampleRate() / fps);
            double sum = 0;
            for (int k = from; k < to; k++) {
                sum += s[k] * s[k];
            }
            rms[i] = to > from ? Math.sqrt(sum / (to - from)) : 0;
        }
        return rms;
    }

    /** Pearson correlation of a[i + lag] with b[i]: positive lag compares a later mouth with the sound. */
    public static double correlation(double[] a, double[] b, int lag) {
        int from = Math.max(0, -lag);
        int to = Math.min(b.length, a.length - lag);
        double ma = 0;
        double mb = 0;
        int n = to - from;
        for (int i = from; i < to; i++) {
            ma += a[i + lag];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = from; i < to; i++) {
            double da = a[i + lag] - ma;
            double db = b[i] - mb;
            cov += da * db;
            va += da * da;
            vb += db * db;
        }
        return cov / Math.sqrt(va * vb + 1e-30);
    }

    /** The lag in [-range, range] with the highest correlation. */
    public static int bestLag(double[] mouth, double[] sound, int range) {
        int best = 0;
        double bestValue = -2;
        for (int lag = -range; lag <= range; lag++) {
            double c = correlation(mouth, sound, lag);
            if (c > bestValue) {
                bestValue = c;
                best = lag;
            }
        }
        return best;
    }

    public static double mean(double[] values, boolean[] mask, boolean wanted) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (mask[i] == wanted) {
                sum += values[i];
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }
}
