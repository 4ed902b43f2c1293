package com.videogenie.avatar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.face.OnnxFaceDetector;
import com.videogenie.avatar.face.OnnxFaceMesh;
import com.videogenie.avatar.media.AudioDecoder;
import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.speech.AudioClip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lip sync measured on the rendered video, as a viewer would judge it: the face mesh is fitted
 * again on every output frame and its mouth opening compared with the loudness of the sound.
 * The input is the shared English speech with a second of silence before and after.
 */
class LipSyncTest {
    private static final int FPS = 25;
    private static final double SILENCE_SECONDS = 1.0;

    @TempDir
    static Path work;
    private static FaceLocator faces;
    private static OnnxFaceDetector detector;
    private static OnnxFaceMesh mesh;
    private static double[] opening;
    private static double[] loudness;

    @BeforeAll
    static void renderAndMeasure() throws Exception {
        ModelRegistry models = TestAssets.models(work.resolve("cache"));
        Path audio = padWithSilence(TestAssets.audio("speech_en_8s_16k_stereo.wav"), work.resolve("padded.wav"));
        Path video = work.resolve("lipsync.mp4");
        try (RenderAvatar render = RenderAvatar.create(RenderSettings.defaults(), models)) {
            render.apply(new RenderRequest(TestAssets.face("portrait_woman_474.png").toString(), audio.toString(),
                    null, video.toString(), 512, 512, FPS, 3L, null, null));
        }
        detector = new OnnxFaceDetector(models.resolve("face_detector_short"), models.resolve("face_detector_full"));
        mesh = new OnnxFaceMesh(models.resolve("face_mesh"));
        faces = new FaceLocator(detector, mesh);
        VideoFrames.Decoded decoded = VideoFrames.decode(video);
        opening = MouthMeasure.openings(faces, decoded.frames());
        AudioClip clip = AudioDecoder.decode(audio, 16_000, 600).clip();
        loudness = MouthMeasure.envelope(clip, FPS, opening.length);
    }

    @AfterAll
    static void close() {
        detector.close();
        mesh.close();
    }

    @Test
    void mouthOpeningFollowsTheLoudnessOfTheSpeech() {
        double r = MouthMeasure.correlation(opening, loudness, 0);
        System.out.printf("lip sync: correlation(opening, loudness) = %.3f%n", r);
        assertTrue(r > 0.5, "mouth opening should clearly follow the sound, correlation " + r);
    }

    @Test
    void mouthNeverTrailsTheSound() {
        double[] byLag = new double[7];
        for (int lag = -3; lag <= 3; lag++) {
            byLag[lag + 3] = MouthMeasure.correlation(opening, loudness, lag);
        }
        int best = MouthMeasure.bestLag(opening, loudness, 3);
        System.out.printf("lip sync: correlation by lag -3..3 = %s, best %d%n", Arrays.toString(byLag), best);
        assertTrue(best <= 0, "the mouth trails the sound by " + best + " frames");
        assertTrue(best >= -2, "the mouth leads the sound by " + -best + " frames, more than 2");
    }

    @Test
    void mouthIsMoreOpenInSpeechThanInSilence() {
        int silent = (int) (SILENCE_SECONDS * FPS);
        boolean[] speech = new boolean[opening.length];
        double loud = percentile(loudness, 0.6);
        for (int i = 0; i < speech.length; i++) {
            speech[i] = loudness[i] >= loud;
        }
        double inSpeech = MouthMeasure.mean(opening, speech, true);
        double leading = Arrays.stream(opening, 2, silent - 3).max().orElseThrow();
        double trailing = Arrays.stream(opening, opening.length - silent + 3, opening.length - 2).max().orElseThrow();
        System.out.printf("lip sync: mean opening in loud speech %.4f, max in leading silence %.4f, trailing %.4f%n",
                inSpeech, leading, trailing);
        assertTrue(inSpeech > 0.025, "the mouth should open visibly in speech, mean " + inSpeech);
        assertTrue(leading < 0.015 && trailing < 0.015, "the mouth should be closed in silence");
        assertTrue(inSpeech > 3 * Math.max(leading, trailing), "speech should open the mouth far more than silence");
    }

    @Test
    void rendersOneFramePerFrameOfAudio() {
        assertEquals(Math.round((8.0 + 2 * SILENCE_SECONDS) * FPS), opening.length, 1);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
    }

    /** Writes the speech with a second of silence on each side, as 16-bit PCM WAV. */
    static Path padWithSilence(Path speech, Path target) throws Exception {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(speech.toFile())) {
            AudioFormat format = in.getFormat();
            byte[] body = in.readAllBytes();
            int pad = (int) (SILENCE_SECONDS * format.getFrameRate()) * format.getFrameSize();
            byte[] all = new byte[pad + body.length + pad];
            System.arraycopy(body, 0, all, pad, body.length);
            try (AudioInputStream out = new AudioInputStream(new java.io.ByteArrayInputStream(all), format,
                    all.length / format.getFrameSize())) {
                AudioSystem.write(out, AudioFileFormat.Type.WAVE, target.toFile());
            }
        }
        assertTrue(Files.size(target) > 0);
        return target;
    }
}
