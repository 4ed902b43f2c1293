package com.videogenie.avatar.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormantMouthAnimatorTest {
    private static final int FPS = 25;
    private static final double PAD = 0.4;
    private static final double VOWEL = 0.8;

    private final MouthAnimator animator = new FormantMouthAnimator();
    private final SyntheticSpeech speech = new SyntheticSpeech(SyntheticSpeech.RATE);

    @Test
    void opensWiderForOpenVowelThanForCloseVowels() {
        double a = vowelMean(SyntheticSpeech.A, MouthPose::effectiveOpen);
        double i = vowelMean(SyntheticSpeech.I, MouthPose::effectiveOpen);
        double u = vowelMean(SyntheticSpeech.U, MouthPose::effectiveOpen);

        assertTrue(a > 0.8, "/a/ opens wide: " + a);
        assertTrue(a > i + 0.3, "/a/ " + a + " vs /i/ " + i);
        assertTrue(a > u + 0.3, "/a/ " + a + " vs /u/ " + u);
    }

    @Test
    void spreadsLipsForFrontVowelMoreThanForBackVowel() {
        double i = vowelMean(SyntheticSpeech.I, MouthPose::spread);
        double u = vowelMean(SyntheticSpeech.U, MouthPose::spread);

        assertTrue(i > 0.6, "/i/ spreads: " + i);
        assertTrue(i > u + 0.4, "/i/ " + i + " vs /u/ " + u);
    }

    @Test
    void roundsLipsForBackVowelMoreThanForFrontVowel() {
        double u = vowelMean(SyntheticSpeech.U, MouthPose::round);
        double i = vowelMean(SyntheticSpeech.I, MouthPose::round);

        assertTrue(u > 0.6, "/u/ rounds: " + u);
        assertTrue(u > i + 0.4, "/u/ " + u + " vs /i/ " + i);
    }

    @Test
    void openVowelIsNeitherSpreadNorRounded() {
        assertTrue(vowelMean(SyntheticSpeech.A, MouthPose::spread) < 0.2);
        assertTrue(vowelMean(SyntheticSpeech.A, MouthPose::round) < 0.2);
    }

    @Test
    void narrowsAndSpreadsMouthForFricative() {
        float[] clip = SyntheticSpeech.concat(speech.silence(PAD), speech.sibilant(VOWEL, 0.05, 7),
                speech.silence(PAD));
        MouthTrack track = animate(clip, FPS);
        double open = mean(track, FPS, PAD + 0.2, PAD + VOWEL - 0.2, MouthPose::effectiveOpen);
        double spread = mean(track, FPS, PAD + 0.2, PAD + VOWEL - 0.2, MouthPose::spread);
        double round = mean(track, FPS, PAD + 0.2, PAD + VOWEL - 0.2, MouthPose::round);

        assertTrue(open > 0.05 && open < 0.35, "slightly open, not a wide jaw: " + open);
        assertTrue(spread > round + 0.2, "spread " + spread + " vs round " + round);
    }

    @Test
    void rendersMouthClosedAndRelaxedInSilence() {
        MouthTrack track = animate(speech.silence(2), FPS);

        for (int f = 0; f < track.frameCount(); f++) {
            assertEquals(MouthPose.REST, track.pose(f));
            assertEquals(0f, track.loudness(f));
        }
    }

    @Test
    void readsSteadyBackgroundHissAsSilence() {
        MouthTrack track = animate(speech.hiss(2, 0.003, 11), FPS);

        for (int f = 0; f < track.frameCount(); f++) {
            assertTrue(track.pose(f).open() < 0.05, "frame " + f + ": " + track.pose(f));
            assertTrue(track.loudness(f) < 0.05, "frame " + f + ": " + track.loudness(f));
        }
    }

    @Test
    void closesMouthInHissBetweenWords() {
        float[] words = SyntheticSpeech.concat(speech.silence(0.5), speech.voiced(0.5, SyntheticSpeech.A, 0.1),
                speech.silence(0.6), speech.voiced(0.5, SyntheticSpeech.A, 0.1), speech.silence(0.5));
        float[] clip = SyntheticSpeech.mix(words, speech.hiss(2.6, 0.003, 5));
        MouthTrack track = animate(clip, FPS);

        assertTrue(max(track, FPS, 0.6, 0.9) > 0.8, "opens for the first word");
        assertTrue(max(track, FPS, 0.0, 0.4) < 0.05, "closed in the leading hiss");
        assertTrue(max(track, FPS, 1.2, 1.5) < 0.05, "closed in the hiss between words");
        assertTrue(max(track, FPS, 2.3, 2.6) < 0.05, "closed in the trailing hiss");
    }

    @Test
    void pressesLipsTogetherInStopGapBetweenVowels() {
        float[] clip = SyntheticSpeech.concat(speech.silence(PAD), speech.voiced(0.3, SyntheticSpeech.A, 0.1),
                speech.silence(0.08), speech.voiced(0.3, SyntheticSpeech.A, 0.1), speech.silence(PAD));
        MouthTrack track = animate(clip, FPS);
        int gap = (int) ((PAD + 0.3 + 0.04) * FPS) - 1;

        assertTrue(track.pose(gap).closure() > 0.5, "lips meet: " + track.pose(gap));
        assertTrue(track.pose(gap).effectiveOpen() < 0.1, "mouth shut: " + track.pose(gap));
        assertTrue(max(track, FPS, PAD + 0.4, PAD + 0.6) > 0.8, "opens again for the second vowel");
    }

    @Test
    void restsLipsWithoutClosureInLongPause() {
        float[] clip = SyntheticSpeech.concat(speech.silence(PAD), speech.voiced(0.3, SyntheticSpeech.A, 0.1),
                speech.silence(0.5), speech.voiced(0.3, SyntheticSpeech.A, 0.1), speech.silence(PAD));
        MouthTrack track = animate(clip, FPS);

        for (int f = (int) ((PAD + 0.45) * FPS); f < (int) ((PAD + 0.7) * FPS); f++) {
            MouthPose pose = track.pose(f);
            assertEquals(0f, pose.closure(), "frame " + f);
            assertTrue(pose.open() < 0.02 && pose.spread() < 0.05 && pose.round() < 0.05, "frame " + f + ": " + pose);
        }
    }

    @Test
    void pressesLipsTogetherDuringNasalMurmur() {
        float[] clip = SyntheticSpeech.concat(speech.silence(PAD), speech.voiced(0.3, SyntheticSpeech.A, 0.1),
                speech.voiced(0.12, SyntheticSpeech.M, 0.03), speech.voiced(0.3, SyntheticSpeech.A, 0.1),
                speech.silence(PAD));
        MouthTrack track = animate(clip, FPS);
        int murmur = (int) ((PAD + 0.3 + 0.06) * FPS) - 1;

        assertTrue(track.pose(murmur).closure() > 0.5, "lips meet: " + track.pose(murmur));
        assertTrue(track.pose(murmur).effectiveOpen() < 0.15, "mouth shut: " + track.pose(murmur));
    }

    @Test
    void keepsLipsApartForQuieterRoundedVowelBetweenOpenOnes() {
        float[] clip = SyntheticSpeech.concat(speech.silence(PAD), speech.voiced(0.3, SyntheticSpeech.A, 0.1),
                speech.voiced(0.2, SyntheticSpeech.U, 0.04), speech.voiced(0.3, SyntheticSpeech.A, 0.1),
                speech.silence(PAD));
        MouthTrack track = animate(clip, FPS);

        for (int f = (int) ((PAD + 0.33) * FPS); f < (int) ((PAD + 0.47) * FPS); f++) {
            assertTrue(track.pose(f).closure() < 0.2, "frame " + f + ": " + track.pose(f));
            assertTrue(track.pose(f).round() > 0.3, "frame " + f + ": " + track.pose(f));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 30})
    void opensMouthAtMostTwoFramesBeforeTheVoiceAndNeverAfter(int fps) {
        for (int step = 0; step < 5; step++) {
            double onset = 0.5 + step / (5.0 * fps);
            float[] clip = SyntheticSpeech.concat(speech.silence(onset), speech.voiced(0.4, SyntheticSpeech.A, 0.1),
                    speech.silence(0.4));
            float[] open = animate(clip, fps).openings();
            float peak = 0;
            for (float v : open) {
                peak = Math.max(peak, v);
            }
            int first = 0;
            while (open[first] <= peak / 2) {
                first++;
            }
            int onsetFrame = (int) Math.floor(onset * fps);

            assertTrue(first <= onsetFrame, "trails the voice at " + onset + " s: frame " + first);
            assertTrue(first >= onsetFrame - 2, "leads by more than 2 frames at " + onset + " s: " + first);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {25, 30})
    void closesMouthWithinThreeFramesAfterTheVoiceStops(int fps) {
        double end = PAD + VOWEL;
        MouthTrack track = animate(vowelClip(SyntheticSpeech.A), fps);
        int endFrame = (int) Math.floor(end * fps);

        assertTrue(track.pose(endFrame + 3).effectiveOpen() < 0.1, track.pose(endFrame + 3).toString());
    }

    @Test
    void closesMouthBetweenSyllablesAtSpeakingRate() {
        float[][] parts = new float[9][];
        for (int s = 0; s < 9; s++) {
            parts[s] = s % 2 == 0 ? speech.voiced(0.12, SyntheticSpeech.A, 0.1)
                    : speech.voiced(0.08, SyntheticSpeech.A, 0.005);
        }
        float[] clip = SyntheticSpeech.concat(speech.silence(PAD), SyntheticSpeech.concat(parts),
                speech.silence(PAD));
        float[] open = animate(clip, FPS).openings();

        int cycles = 0;
        boolean opened = false;
        for (float v : open) {
            if (!opened && v > 0.6) {
                opened = true;
                cycles++;
            } else if (opened && v < 0.3) {
                opened = false;
            }
        }
        assertEquals(5, cycles, "one open-close cycle per syllable");
    }

    @Test
    void opensMouthForHeldVowelWithoutAnyPause() {
        MouthTrack track = animate(speech.voiced(1.0, SyntheticSpeech.A, 0.1), FPS);

        assertTrue(mean(track, FPS, 0.2, 0.8, MouthPose::effectiveOpen) > 0.8);
    }

    @Test
    void animatesQuietRecordingLikeLoudOne() {
        float[] loud = SyntheticSpeech.concat(speech.silence(PAD), speech.voiced(0.3, SyntheticSpeech.A, 0.2),
                speech.voiced(0.3, SyntheticSpeech.I, 0.1), speech.silence(PAD));
        float[] quiet = SyntheticSpeech.scale(loud, 0.02f);

        float[] loudOpen = animate(loud, FPS).openings();
        float[] quietOpen = animate(quiet, FPS).openings();

        assertArrayEquals(loudOpen, quietOpen, 0.02f);
    }

    @Test
    void followsLoudnessFromZeroInSilenceToOneInSpeech() {
        MouthTrack track = animate(vowelClip(SyntheticSpeech.A), FPS);

        assertEquals(0f, track.loudness(2));
        assertEquals(0f, track.loudness(track.frameCount() - 3));
        assertTrue(track.loudness((int) ((PAD + VOWEL / 2) * FPS)) > 0.9);
    }

    @ParameterizedTest
    @ValueSource(ints = {24, 25, 30, 60})
    void producesOnePosePerRequestedFrame(int fps) {
        float[] clip = vowelClip(SyntheticSpeech.A);
        int frames = (int) Math.ceil(clip.length / (double) SyntheticSpeech.RATE * fps) + 10;

        MouthTrack track = animator.animate(new AudioClip(clip, SyntheticSpeech.RATE), fps, frames);

        assertEquals(frames, track.frameCount());
        assertEquals(MouthPose.REST, track.pose(frames - 1), "rests after the audio ends");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 22050, 32000, 44100, 48000})
    void tellsVowelsApartAtEverySampleRate(int rate) {
        SyntheticSpeech atRate = new SyntheticSpeech(rate);
        MouthTrack a = animate(rate, atRate, SyntheticSpeech.A);
        MouthTrack i = animate(rate, atRate, SyntheticSpeech.I);
        MouthTrack u = animate(rate, atRate, SyntheticSpeech.U);
        double from = PAD + 0.2;
        double to = PAD + VOWEL - 0.2;

        assertTrue(mean(a, FPS, from, to, MouthPose::effectiveOpen)
                > mean(i, FPS, from, to, MouthPose::effectiveOpen) + 0.3);
        assertTrue(mean(i, FPS, from, to, MouthPose::spread) > mean(u, FPS, from, to, MouthPose::spread) + 0.4);
        assertTrue(mean(u, FPS, from, to, MouthPose::round) > mean(i, FPS, from, to, MouthPose::round) + 0.4);
    }

    @Test
    void givesTheSameTrackEveryTime() {
        float[] clip = SyntheticSpeech.mix(vowelClip(SyntheticSpeech.I), speech.hiss(2, 0.002, 3));

        assertEquals(animate(clip, FPS).toString(), animate(clip, FPS).toString());
    }

    @Test
    void rejectsNonPositiveFrameRate() {
        AudioClip clip = new AudioClip(new float[16000], SyntheticSpeech.RATE);

        assertThrows(IllegalArgumentException.class, () -> animator.animate(clip, 0, 10));
    }

    @Test
    void restsThroughoutForEmptyAudio() {
        MouthTrack track = animator.animate(new AudioClip(new float[0], SyntheticSpeech.RATE), FPS, 5);

        for (int f = 0; f < 5; f++) {
            assertEquals(MouthPose.REST, track.pose(f));
        }
    }

    @Test
    void rejectsSampleRateTooLowForFormants() {
        AudioClip clip = new AudioClip(new float[4000], 4000);

        assertThrows(IllegalArgumentException.class, () -> animator.animate(clip, FPS, 25));
    }

    private double vowelMean(double[] formants, ToDoubleFunction<MouthPose> value) {
        return mean(animate(vowelClip(formants), FPS), FPS, PAD + 0.2, PAD + VOWEL - 0.2, value);
    }

    private float[] vowelClip(double[] formants) {
        return SyntheticSpeech.concat(speech.silence(PAD), speech.voiced(VOWEL, formants, 0.1),
                speech.silence(PAD));
    }

    private MouthTrack animate(int rate, SyntheticSpeech atRate, double[] formants) {
        float[] clip = SyntheticSpeech.concat(atRate.silence(PAD), atRate.voiced(VOWEL, formants, 0.1),
                atRate.silence(PAD));
        int frames = (int) Math.ceil(clip.length / (double) rate * FPS);
        return animator.animate(new AudioClip(clip, rate), FPS, frames);
    }

    private MouthTrack animate(float[] clip, int fps) {
        int frames = (int) Math.ceil(clip.length / (double) SyntheticSpeech.RATE * fps);
        return animator.animate(new AudioClip(clip, SyntheticSpeech.RATE), fps, frames);
    }

    /** Mean over the frames that start within [from, to) seconds. */
    private static double mean(MouthTrack track, int fps, double from, double to,
            ToDoubleFunction<MouthPose> value) {
        double sum = 0;
        int count = 0;
        for (int f = (int) Math.ceil(from * fps); f < to * fps; f++) {
            sum += value.applyAsDouble(track.pose(f));
            count++;
        }
        return sum / count;
    }

    /** Largest effective opening over the frames that start within [from, to) seconds. */
    private static double max(MouthTrack track, int fps, double from, double to) {
        double max = 0;
        for (int f = (int) Math.ceil(from * fps); f < to * fps; f++) {
            max = Math.max(max, track.pose(f).effectiveOpen());
        }
        return max;
    }
}
