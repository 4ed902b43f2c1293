package com.videogenie.avatar.realism;

import java.util.Arrays;

/** NaN-skipping statistics over per-frame tracks. */
final class Stats {
    private Stats() {
    }

    static double mean(double[] v) {
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    static double std(double[] v) {
        double m = mean(v);
        double sum = 0;
        int n = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                sum += (x - m) * (x - m);
                n++;
            }
        }
        return n < 2 ? Double.NaN : Math.sqrt(sum / (n - 1));
    }

    static double percentile(double[] v, double p) {
        double[] sorted = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    /** Pearson correlation of a[i + lag] with b[i] over the frames both hold. */
    static double correlation(double[] a, double[] b, int lag) {
        int n = Math.min(a.length, b.length);
        double[] x = new double[n];
        double[] y = new double[n];
        int k = 0;
        for (int i = Math.max(0, -lag); i < n && i + lag < a.length; i++) {
            if (!Double.isNaN(a[i + lag]) && !Double.isNaN(b[i])) {
                x[k] = a[i + lag];
                y[k] = b[i];
                k++;
            }
        }
        if (k < 3) {
            return Double.NaN;
        }
        x = Arrays.copyOf(x, k);
        y = Arrays.copyOf(y, k);
        double mx = mean(x);
        double my = mean(y);
        double cov = 0;
        double vx = 0;
        double vy = 0;
        for (int i = 0; i < k; i++) {
            cov += (x[i] - mx) * (y[i] - my);
            vx += (x[i] - mx) * (x[i] - mx);
            vy += (y[i] - my) * (y[i] - my);
        }
        return cov / Math.sqrt(vx * vy + 1e-30);
    }

    /** The lag in [-range, range] where a best correlates with b. */
    static int bestLag(double[] a, double[] b, int range) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int lag = -range; lag <= range; lag++) {
            double c = correlation(a, b, lag);
            if (c > bestValue) {
                bestValue = c;
                best = lag;
            }
        }
        return best;
    }

    /** Frames where the lips count as closed: within the lowest fifth of the track's 5-95% range. */
    static boolean[] closed(double[] mouth) {
        double low = percentile(mouth, 0.05);
        double high = percentile(mouth, 0.95);
        double limit = low + 0.2 * (high - low);
        boolean[] closed = new boolean[mouth.length];
        for (int i = 0; i < mouth.length; i++) {
            closed[i] = !Double.isNaN(mouth[i]) && mouth[i] <= limit;
        }
        return closed;
    }

    /** Frames inside speech: some loud frame within 0.2 s, so closures between sounds count as speech. */
    static boolean[] speaking(double[] loudness, double fps) {
        double loud = 0.2 * percentile(loudness, 0.95);
        int reach = (int) Math.round(0.2 * fps);
        boolean[] speaking = new boolean[loudness.length];
        for (int i = 0; i < loudness.length; i++) {
            for (int j = Math.max(0, i - reach); j <= Math.min(loudness.length - 1, i + reach); j++) {
                if (loudness[j] >= loud) {
                    speaking[i] = true;
                    break;
                }
            }
        }
        return speaking;
    }
}
