package com.videogenie.avatar.speech;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** End to end on the shared recording of real English speech. */
class RecordedSpeechTest {
    private static final String ASSET = "assets/audio/speech_en_8s_16k_stereo.wav";
    private static final int FPS = 25;

    @Test
    void opensMouthWithTheLoudnessOfRealSpeech() throws Exception {
        AudioClip clip = load(assetPath());
        int frames = (int) Math.floor(clip.durationSeconds() * FPS);
        MouthTrack track = new FormantMouthAnimator().animate(clip, FPS, frames);
        float[] open = track.openings();
        double[] rms = frameRms(clip, frames);

        Integer[] byRms = new Integer[frames];
        Arrays.setAll(byRms, i -> i);
        Arrays.sort(byRms, (x, y) -> Double.compare(rms[x], rms[y]));
        double quietest = meanOpen(open, byRms, 0, frames / 5);
        double loudest = meanOpen(open, byRms, frames - frames / 3, frames);
        double correlation = pearson(open, rms);
        double cycles = cycles(open) / clip.durationSeconds();
        System.out.printf("recorded speech: mean opening %.3f in the loudest third, %.3f in the quietest"
                + " fifth; Pearson(opening, RMS) %.3f; %.2f open/close cycles per second%n",
                loudest, quietest, correlation, cycles);

        assertTrue(loudest > quietest + 0.3, "loud " + loudest + " vs quiet " + quietest);
        assertTrue(correlation > 0.5, "correlation with RMS " + correlation);
        assertTrue(cycles > 2 && cycles < 8, "cycles per second " + cycles);
    }

    static Path assetPath() {
        return TestAssets.mirror().resolve(ASSET);
    }

    /** 16-bit PCM WAV, channels averaged. */
    static AudioClip load(Path path) throws IOException, UnsupportedAudioFileException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(path.toFile())) {
            AudioFormat format = in.getFormat();
            Assumptions.assumeTrue(format.getSampleSizeInBits() == 16
                    && format.getEncoding() == AudioFormat.Encoding.PCM_SIGNED, "expects 16-bit PCM");
            ByteBuffer bytes = ByteBuffer.wrap(readAll(in))
                    .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            int channels = format.getChannels();
            float[] samples = new float[bytes.remaining() / (2 * channels)];
            for (int i = 0; i < samples.length; i++) {
                float sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += bytes.getShort() / 32768f;
                }
                samples[i] = sum / channels;
            }
            return new AudioClip(samples, (int) format.getSampleRate());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private static double[] frameRms(AudioClip clip, int frames) {
        double[] rms = new double[frames];
        float[] x = clip.samples();
        for (int f = 0; f < frames; f++) {
            int from = (int) ((long) f * clip.sampleRate() / FPS);
            int to = (int) Math.min(x.length, (long) (f + 1) * clip.sampleRate() / FPS);
            double sum = 0;
            for (int n = from; n < to; n++) {
                sum += x[n] * x[n];
            }
            rms[f] = Math.sqrt(sum / Math.max(1, to - from));
        }
        return rms;
    }

    private static double meanOpen(float[] open, Integer[] order, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += open[order[i]];
        }
        return sum / (to - from);
    }

    private static double pearson(float[] a, double[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i];
            meanB += b[i];
        }
        meanA /= a.length;
        meanB /= b.length;
        double cov = 0;
        double varA = 0;
        double varB = 0;
        for (int i = 0; i < a.length; i++) {
            cov += (a[i] - meanA) * (b[i] - meanB);
            varA += (a[i] - meanA) * (a[i] - meanA);
            varB += (b[i] - meanB) * (b[i] - meanB);
        }
        return cov / Math.sqrt(varA * varB);
    }

    /**
     * Open/close cycles: swings up and back down by at least a fifth of the track's 95th
     * percentile opening, a movement a viewer sees.
     */
    private static int cycles(float[] open) {
        float[] sorted = open.clone();
        Arrays.sort(sorted);
        float swing = 0.2f * sorted[(int) (0.95 * (sorted.length - 1))];
        int cycles = 0;
        boolean rising = true;
        float extreme = open[0];
        for (float v : open) {
            if (rising) {
                extreme = Math.min(extreme, v);
                if (v > extreme + swing) {
                    rising = false;
                    extreme = v;
                }
            } else {
                extreme = Math.max(extreme, v);
                if (v < extreme - swing) {
                    cycles++;
                    rising = true;
                    extreme = v;
                }
            }
        }
        return cycles;
    }
}
