package com.videogenie.avatar.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiveMouthTest {
    private static final int RATE = 16_000;
    private static final int FPS = 25;
    private static final double LOOK_AHEAD = 0.08;

    @Test
    void matchesTheFileRenderWhenFedInTwentyMillisecondChunks() throws Exception {
        AudioClip clip = RecordedSpeechTest.load(RecordedSpeechTest.assetPath());
        int frames = AudioClip.frameCount(clip.samples().length, RATE, FPS);
        float[] file = new FormantMouthAnimator().animate(clip, FPS, frames).openings();

        float[] live = openings(live(clip.samples(), 320, LOOK_AHEAD));

        assertEquals(file.length, live.length, "frames");
        double sum = 0;
        double max = 0;
        double settledMax = 0;
        int settledFrom = FPS * 2;
        for (int i = 0; i < frames; i++) {
            double d = Math.abs(file[i] - live[i]);
            sum += d;
            max = Math.max(max, d);
            if (i >= settledFrom) {
                settledMax = Math.max(settledMax, d);
            }
        }
        double mean = sum / frames;
        System.out.printf("live vs file mouth opening over %d frames: mean |diff| %.4f, max %.4f, max after 2 s %.4f,"
                + " Pearson %.4f%n", frames, mean, max, settledMax, pearson(file, live));
        assertTrue(mean < 0.04, "mean difference " + mean);
        assertTrue(settledMax < 0.2, "largest difference after the levels settle " + settledMax);
        assertTrue(pearson(file, live) > 0.97, "correlation " + pearson(file, live));
    }

    @Test
    void giveTheSameFramesHoweverTheAudioIsCut() throws Exception {
        float[] samples = RecordedSpeechTest.load(RecordedSpeechTest.assetPath()).samples();
        List<Frame> even = live(samples, 320, LOOK_AHEAD);
        List<Frame> ragged = new ArrayList<>();
        LiveMouth mouth = new LiveMouth(RATE, FPS, LOOK_AHEAD, (i, pose, loudness) -> ragged.add(new Frame(i, pose, loudness)));
        SplittableRandom random = new SplittableRandom(7);
        int at = 0;
        while (at < samples.length) {
            int n = Math.min(samples.length - at, 1 + random.nextInt(4000));
            mouth.accept(samples, at, n);
            at += n;
        }
        mouth.end();
        assertEquals(even, ragged);
    }

    @Test
    void drawsAFrameOnlyOnceItsSoundAndTheLookAheadHaveArrived() {
        List<Frame> out = new ArrayList<>();
        LiveMouth mouth = new LiveMouth(RATE, FPS, LOOK_AHEAD, (i, pose, loudness) -> out.add(new Frame(i, pose, loudness)));
        int due = (int) Math.ceil((1.0 / FPS + LOOK_AHEAD) * RATE);
        mouth.accept(new float[due - 1], 0, due - 1);
        assertEquals(0, out.size());
        mouth.accept(new float[1], 0, 1);
        assertEquals(1, out.size());
        mouth.accept(new float[RATE / FPS], 0, RATE / FPS);
        assertEquals(2, out.size());
    }

    @Test
    void restsInSilenceAndEndsWithTheSound() {
        List<Frame> out = new ArrayList<>();
        LiveMouth mouth = new LiveMouth(RATE, FPS, LOOK_AHEAD, (i, pose, loudness) -> out.add(new Frame(i, pose, loudness)));
        float[] silence = new float[RATE * 3];
        mouth.accept(silence, 0, silence.length);
        mouth.end();
        assertEquals(3 * FPS, out.size());
        for (Frame frame : out) {
            assertEquals(0f, frame.pose().effectiveOpen(), "frame " + frame.index());
        }
        int[] indices = out.stream().mapToInt(Frame::index).toArray();
        int[] expected = new int[3 * FPS];
        java.util.Arrays.setAll(expected, i -> i);
        assertArrayEquals(expected, indices);
    }

    private record Frame(int index, MouthPose pose, float loudness) {
    }

    private static List<Frame> live(float[] samples, int chunk, double lookAhead) {
        List<Frame> out = new ArrayList<>();
        LiveMouth mouth = new LiveMouth(RATE, FPS, lookAhead, (i, pose, loudness) -> out.add(new Frame(i, pose, loudness)));
        for (int at = 0; at < samples.length; at += chunk) {
            mouth.accept(samples, at, Math.min(chunk, samples.length - at));
        }
        mouth.end();
        return out;
    }

    private static float[] openings(List<Frame> frames) {
        float[] open = new float[frames.size()];
        for (int i = 0; i < open.length; i++) {
            assertEquals(i, frames.get(i).index());
            open[i] = frames.get(i).pose().effectiveOpen();
        }
        return open;
    }

    private static double pearson(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }
}
