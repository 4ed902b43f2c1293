package com.videogenie.avatar.speech;

/**
 * Cuts a clip into 10 ms hops and measures per hop what the mouth stage reads: level and spectral
 * tilt at the full rate (fricative energy lies above 4 kHz), and formants, high-band share and
 * prediction gain on a copy decimated to 8-16 kHz, where F1 and F2 live and LPC stays cheap.
 * Every window is centred on its hop's time, so no measurement is shifted against the sound.
 */
final class SpeechAnalyzer {
    static final double HOP_SECONDS = 0.010;
    static final int MIN_SAMPLE_RATE = 8000;
    /** Short enough to resolve a 30 ms stop closure, long enough for two 120 Hz pitch periods. */
    private static final double LEVEL_WINDOW_SECONDS = 0.020;
    /** Three pitch periods of a low voice: LPC then sees the resonances, not the pulses. */
    private static final double LPC_WINDOW_SECONDS = 0.030;
    private static final double MAX_FORMANT_HZ = 3500;
    /** Nasal murmur has almost no energy above this (the mouth is shut); vowels keep F2 there. */
    private static final double HIGH_BAND_HZ = 1000;
    /** Pre-emphasis corner: lifts the voice's falling tilt so LPC fits the upper formants too. */
    private static final double PRE_EMPHASIS_HZ = 50;
    private static final double SILENCE_POWER = 1e-12;

    private final int sampleRate;
    private final int factor;
    private final double analysisRate;
    private final int hop;
    private final int analysisHop;
    private final float[] levelWindow;
    private final double levelWindowEnergy;
    private final float[] lpcWindow;
    private final double preEmphasis;
    private final double[] highPass;
    private final Decimator decimator;

    SpeechAnalyzer(int sampleRate) {
        if (sampleRate < MIN_SAMPLE_RATE) {
            throw new IllegalArgumentException("speech analysis needs at least " + MIN_SAMPLE_RATE
                    + " Hz to see the second formant, got " + sampleRate);
        }
        this.sampleRate = sampleRate;
        this.factor = sampleRate / MIN_SAMPLE_RATE;
        this.analysisRate = sampleRate / (double) factor;
        // A whole number of analysis samples per hop keeps both rates on the same hop grid.
        this.analysisHop = (int) Math.round(HOP_SECONDS * analysisRate);
        this.hop = analysisHop * factor;
        this.levelWindow = hann((int) Math.round(LEVEL_WINDOW_SECONDS * sampleRate));
        double energy = 0;
        for (float w : levelWindow) {
            energy += w * w;
        }
        this.levelWindowEnergy = energy;
        this.lpcWindow = hann((int) Math.round(LPC_WINDOW_SECONDS * analysisRate));
        this.preEmphasis = Math.exp(-2 * Math.PI * PRE_EMPHASIS_HZ / analysisRate);
        this.highPass = butterworthHighPass(HIGH_BAND_HZ / analysisRate);
        this.decimator = new Decimator(factor);
    }

    double hopSeconds() {
        return hop / (double) sampleRate;
    }

    /** Hops a clip of {@code samples} samples is measured at: up to one past its end. */
    int hopCount(long samples) {
        return samples == 0 ? 0 : (int) ((samples - 1) / hop + 2);
    }

    /** Samples per hop: hop k is centred on stream sample {@code k * hopSamples()}. */
    int hopSamples() {
        return hop;
    }

    /** Samples either side of a hop's centre that its measurements read. */
    int reachSamples() {
        int lpcReach = (lpcWindow.length / 2 + 1) * factor + decimator.halfSpan();
        return Math.max(levelWindow.length / 2 + 1, lpcReach);
    }

    SpeechFeatures analyze(float[] samples) {
        int hops = hopCount(samples.length);
        SpeechFeatures features = new SpeechFeatures(hopSeconds(), hops);
        Meter meter = new Meter();
        Signal signal = Signal.of(samples);
        for (int k = 0; k < hops; k++) {
            meter.measure(signal, k, features, k);
        }
        return features;
    }

    /**
     * Measures single hops; holds the scratch buffers of one stream, so one per thread. Every value
     * depends only on the samples within {@link #reachSamples} of the hop, so a clip measured whole
     * and the same clip measured as it arrives give the same features.
     */
    final class Meter {
        private final LpcAnalyzer lpc = new LpcAnalyzer(analysisRate,
                (int) Math.round(analysisRate / 1000) + 2, Math.min(MAX_FORMANT_HZ, 0.45 * analysisRate));
        private final float[] raw = new float[lpcWindow.length];
        private final float[] frame = new float[lpcWindow.length];
        private final double[] formants = new double[2];
        private long lastHop = Long.MIN_VALUE;

        /** Measures hop {@code k} of the stream into slot {@code slot} of {@code features}. */
        void measure(Signal signal, long k, SpeechFeatures features, int slot) {
            int width = raw.length;
            long first = k * analysisHop - width / 2;
            // The next hop shares most of its window with this one: decimate only the samples entering it.
            int keep = k == lastHop + 1 ? Math.max(0, width - analysisHop) : 0;
            System.arraycopy(raw, width - keep, raw, 0, keep);
            for (int m = keep; m < width; m++) {
                raw[m] = decimator.sample(signal, first + m);
            }
            lastHop = k;
            measureLevel(signal, k * hop, features, slot);
            features.highBandShare[slot] = (float) highBandShare(raw);
            preEmphasise(raw, frame);
            double gain = lpc.fit(frame, width);
            features.predictionGainDb[slot] = (float) (10 * Math.log10(gain));
            int found = lpc.formants(formants);
            features.f1Hz[slot] = found > 0 ? (float) formants[0] : Float.NaN;
            features.f2Hz[slot] = found > 1 ? (float) formants[1] : Float.NaN;
        }
    }

    /** Level and lag-1 tilt over a Hann window centred on {@code centre}, at the full rate. */
    private void measureLevel(Signal samples, long centre, SpeechFeatures features, int k) {
        long first = centre - levelWindow.length / 2;
        double energy = 0;
        double lagOne = 0;
        double before = 0;
        for (int j = 0; j < levelWindow.length; j++) {
            long n = first + j;
            double v = levelWindow[j] * samples.at(n);
            energy += v * v;
            lagOne += v * before;
            before = v;
        }
        double meanSquare = energy / levelWindowEnergy;
        features.levelDb[k] = (float) (10 * Math.log10(meanSquare + SILENCE_POWER));
        double correlation = energy > 0 ? Math.max(-1, Math.min(1, lagOne / energy)) : 1;
        features.meanFrequencyHz[k] = (float) (Math.acos(correlation) * sampleRate / (2 * Math.PI));
    }

    private double highBandShare(float[] raw) {
        double b0 = highPass[0];
        double b1 = highPass[1];
        double b2 = highPass[2];
        double a1 = highPass[3];
        double a2 = highPass[4];
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        double total = 0;
        double high = 0;
        for (int m = 0; m < raw.length; m++) {
            double x = raw[m];
            double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x;
            y2 = y1;
            y1 = y;
            double w = lpcWindow[m];
            total += w * w * x * x;
            high += w * w * y * y;
        }
        return total > 0 ? Math.min(1, high / total) : 0;
    }

    private void preEmphasise(float[] raw, float[] frame) {
        float before = 0;
        for (int m = 0; m < raw.length; m++) {
            frame[m] = (float) ((raw[m] - preEmphasis * before) * lpcWindow[m]);
            before = raw[m];
        }
    }

    private static float[] hann(int length) {
        float[] w = new float[length];
        for (int j = 0; j < length; j++) {
            w[j] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * (j + 0.5) / length));
        }
        return w;
    }

    /** Second-order Butterworth high-pass {b0, b1, b2, a1, a2}; cut-off in cycles per sample. */
    private static double[] butterworthHighPass(double cutoff) {
        double omega = 2 * Math.PI * cutoff;
        double alpha = Math.sin(omega) / Math.sqrt(2);
        double cos = Math.cos(omega);
        double a0 = 1 + alpha;
        return new double[] {(1 + cos) / 2 / a0, -(1 + cos) / a0, (1 + cos) / 2 / a0,
            -2 * cos / a0, (1 - alpha) / a0};
    }
}
