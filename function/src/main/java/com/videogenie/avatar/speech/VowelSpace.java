package com.videogenie.avatar.speech;

/**
 * Reads lip shape from where a sound sits in the vowel space. F1 rises as the jaw opens (/i/ and
 * /u/ near 300 Hz, /a/ near 750 Hz); F2 rises as the tongue moves forward and the lips spread
 * (/u/ near 800 Hz, /i/ near 2300 Hz). Frication (/s/ /f/) pulls towards a narrow, spread mouth.
 * Shapes are per unit of speech: the caller scales them by how loud the sound is.
 */
final class VowelSpace {
    private static final double CLOSE_F1 = 300;
    private static final double OPEN_F1 = 750;
    private static final double BACK_F2 = 850;
    private static final double CENTRAL_F2 = 1300;
    private static final double FRONT_F2 = 2100;
    /** Stand-ins where the envelope shows no formant: a neutral schwa. */
    private static final double NEUTRAL_F1 = 500;
    private static final double NEUTRAL_F2 = 1500;
    /** Close vowels still part the jaw a little. */
    private static final double CLOSE_JAW = 0.3;
    private static final double FRICATIVE_JAW = 0.2;
    private static final double FRICATIVE_SPREAD = 0.45;
    /** Mean frequencies between which a sound turns from voiced to fricative. */
    private static final double VOICED_HZ = 1800;
    private static final double FRICATIVE_HZ = 3500;

    private VowelSpace() {
    }

    /** 0 for a voiced sound, 1 for a clear fricative, from the power-weighted mean frequency. */
    static double frication(double meanFrequencyHz) {
        return ramp(meanFrequencyHz, VOICED_HZ, FRICATIVE_HZ);
    }

    /** Jaw opening: 0.3 for /i/ /u/, 1 for /a/, 0.2 for /s/. */
    static double jaw(double f1, double frication) {
        double vowel = CLOSE_JAW + (1 - CLOSE_JAW) * openness(f1);
        return lerp(vowel, FRICATIVE_JAW, frication);
    }

    /** Lip spread: front vowels, lessened as the jaw drops; fricatives keep some. */
    static double spread(double f1, double f2, double frication) {
        double front = ramp(orNeutral(f2, NEUTRAL_F2), CENTRAL_F2, FRONT_F2);
        return lerp(front * (1 - 0.3 * openness(f1)), FRICATIVE_SPREAD, frication);
    }

    /** Lip rounding: back vowels, strongest when also close (/u/ more than /o/, /a/ barely). */
    static double round(double f1, double f2, double frication) {
        double back = ramp(orNeutral(f2, NEUTRAL_F2), CENTRAL_F2, BACK_F2);
        return (1 - frication) * back * (1 - 0.7 * openness(f1));
    }

    private static double openness(double f1) {
        return ramp(orNeutral(f1, NEUTRAL_F1), CLOSE_F1, OPEN_F1);
    }

    private static double orNeutral(double hz, double neutral) {
        return Double.isNaN(hz) ? neutral : hz;
    }

    private static double lerp(double from, double to, double t) {
        return from + (to - from) * t;
    }

    private static double ramp(double value, double zeroAt, double oneAt) {
        return Math.max(0, Math.min(1, (value - zeroAt) / (oneAt - zeroAt)));
    }
}
