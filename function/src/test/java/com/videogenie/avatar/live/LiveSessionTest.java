package com.videogenie.avatar.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.PcmBytes;
import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.VideoFrames;
import com.videogenie.avatar.media.AudioDecoder;
import com.videogenie.avatar.media.FragmentedMp4Encoder;
import com.videogenie.avatar.motion.FrameMotion;
import com.videogenie.avatar.motion.MotionPlanner;
import com.videogenie.avatar.speech.AudioClip;
import com.videogenie.avatar.speech.FormantMouthAnimator;
import com.videogenie.avatar.speech.MouthTrack;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live session on the shared photo and speech, against a file render of the same request. */
class LiveSessionTest {
    private static final int FPS = 25;
    private static final long SEED = 3;

    @TempDir
    static Path work;
    private static RenderAvatar avatar;

    @BeforeAll
    static void load() {
        avatar = RenderAvatar.create(RenderSettings.defaults(), TestAssets.models(work.resolve("cache")));
    }

    @AfterAll
    static void close() {
        avatar.close();
    }

    @Test
    void streamsTheFramesOfTheFileRenderFromTwentyMillisecondChunks() throws Exception {
        String photo = TestAssets.face("portrait_woman_474.png").toString();
        Path audio = TestAssets.audio("speech_en_8s_16k_stereo.wav");
        RenderResult file = avatar.apply(new RenderRequest(photo, audio.toString(), null,
                work.resolve("file.mp4").toString(), 256, 256, FPS, SEED, null, null));
        AudioClip clip = AudioDecoder.decode(audio, LiveOptions.SAMPLE_RATE, 600).clip();
        MouthTrack fileMouth = new FormantMouthAnimator().animate(clip, FPS, file.frames());
        MotionPlanner fileMotion = new MotionPlanner(fileMouth, SEED, FPS);

        List<FrameMotion> motions = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        long renderNanos;
        try (FragmentedMp4Encoder encoder = FragmentedMp4Encoder.open(256, 256, FPS,
                (bytes, init, frames) -> stream.writeBytes(bytes))) {
            LiveSession session = avatar.openLive(LiveOptions.of(photo).withSize(256, 256, FPS).withSeed(SEED),
                    (motion, image) -> {
                        motions.add(motion);
                        encoder.encode(image);
                    });
            byte[] pcm = PcmBytes.s16le(clip.samples());
            long start = System.nanoTime();
            for (int at = 0; at < pcm.length; at += 640) {
                session.accept(pcm, at, Math.min(640, pcm.length - at));
            }
            session.end();
            encoder.finish();
            renderNanos = System.nanoTime() - start;
        }

        assertEquals(file.frames(), motions.size(), "frames");
        double sum = 0;
        double max = 0;
        for (int i = 0; i < motions.size(); i++) {
            FrameMotion live = motions.get(i);
            FrameMotion expected = fileMotion.motion(i);
            assertEquals(i, live.frame());
            assertEquals(expected.eyeClosure(), live.eyeClosure(), 1e-9, "blink at frame " + i);
            double d = Math.abs(expected.mouth().effectiveOpen() - live.mouth().effectiveOpen());
            sum += d;
            max = Math.max(max, d);
        }
        System.out.printf("live session: %d frames in %.0f ms (%.1f ms per frame drawn and encoded);"
                + " mouth opening vs file: mean |diff| %.4f, max %.4f%n", motions.size(), renderNanos / 1e6,
                renderNanos / 1e6 / motions.size(), sum / motions.size(), max);
        assertTrue(sum / motions.size() < 0.04, "mean mouth difference " + sum / motions.size());

        Path live = work.resolve("live.mp4");
        Files.write(live, stream.toByteArray());
        VideoFrames.Decoded decoded = VideoFrames.decode(live);
        assertEquals("h264", decoded.videoCodec());
        assertEquals(file.frames(), decoded.frames().size());
    }

    @Test
    void keepsTheHeadMovingAndTheMouthShutInSilence() {
        String photo = TestAssets.face("portrait_woman_474.png").toString();
        List<FrameMotion> motions = new ArrayList<>();
        LiveSession session = avatar.openLive(LiveOptions.of(photo).withSize(128, 128, FPS).withSeed(SEED),
                (motion, image) -> motions.add(motion));
        byte[] silence = new byte[LiveOptions.SAMPLE_RATE * 2 * 4];
        session.accept(silence, 0, silence.length);
        session.end();

        assertEquals(4 * FPS, motions.size());
        assertTrue(motions.stream().allMatch(m -> m.mouth().effectiveOpen() == 0f), "mouth at rest");
        assertTrue(motions.stream().anyMatch(m -> m.eyeClosure() > 0.9), "blinks");
        assertTrue(!motions.get(0).head().equals(motions.get(motions.size() - 1).head()), "head moves");
    }

    @Test
    void drawnSilenceRestsTheMouthAndLeavesLaterSpeechAsLively() {
        String photo = TestAssets.face("portrait_woman_474.png").toString();
        byte[] pcm = PcmBytes.s16le(AudioDecoder.decode(TestAssets.audio("speech_en_8s_16k_stereo.wav"),
                LiveOptions.SAMPLE_RATE, 600).clip().samples());
        List<FrameMotion> motions = new ArrayList<>();
        LiveSession session = avatar.openLive(LiveOptions.of(photo).withSize(64, 64, FPS).withSeed(SEED),
                (motion, image) -> motions.add(motion));
        session.accept(pcm, 0, pcm.length);
        int speechFrames = motions.size();
        // Five idle minutes: drawn silence must not teach the levels that speech is rare and quiet.
        session.silence(300 * LiveOptions.SAMPLE_RATE);
        int resumed = motions.size();
        session.accept(pcm, 0, pcm.length);
        session.end();

        assertEquals(AudioClip.frameCount(pcm.length / 2 * 2L + 300L * LiveOptions.SAMPLE_RATE,
                LiveOptions.SAMPLE_RATE, FPS),
                motions.size(), "frames follow audio plus silence");
        double first = meanOpening(motions.subList(0, speechFrames));
        double idle = meanOpening(motions.subList(speechFrames + 10, resumed - 10));
        double again = meanOpening(motions.subList(resumed + 10, motions.size()));
        System.out.printf("live session: mean mouth opening, speech %.4f, 5 min drawn silence %.4f, speech"
                + " again %.4f%n", first, idle, again);
        assertEquals(0, idle, 1e-9, "mouth at rest while silence is drawn");
        assertTrue(again > 0.8 * first, "speech after the idle stretch opens the mouth as before: " + again
                + " vs " + first);
        assertTrue(!motions.get(speechFrames + 10).head().equals(motions.get(resumed - 10).head()),
                "head moves through the silence");
    }

    @Test
    void refusesAudioBeyondTheSessionLength() {
        String photo = TestAssets.face("portrait_woman_474.png").toString();
        LiveSession session = avatar.openLive(LiveOptions.of(photo).withSize(128, 128, FPS).withMaxSeconds(1),
                (motion, image) -> { });
        byte[] second = new byte[LiveOptions.SAMPLE_RATE * 2];
        session.accept(second, 0, second.length);
        AvatarException error = assertThrows(AvatarException.class, () -> session.accept(new byte[2], 0, 2));
        assertEquals(ErrorCode.AUDIO_TOO_LONG, error.code());
    }

    @Test
    void joinsSamplesSplitAcrossChunks() {
        String photo = TestAssets.face("portrait_woman_474.png").toString();
        List<FrameMotion> whole = new ArrayList<>();
        List<FrameMotion> odd = new ArrayList<>();
        byte[] pcm = PcmBytes.s16le(AudioDecoder.decode(TestAssets.audio("speech_en_8s_16k_stereo.wav"),
                LiveOptions.SAMPLE_RATE, 600).clip().samples());
        LiveOptions options = LiveOptions.of(photo).withSize(64, 64, FPS).withSeed(SEED);
        LiveSession a = avatar.openLive(options, (motion, image) -> whole.add(motion));
        a.accept(pcm, 0, pcm.length);
        a.end();
        LiveSession b = avatar.openLive(options, (motion, image) -> odd.add(motion));
        for (int at = 0; at < pcm.length; at += 641) {
            b.accept(pcm, at, Math.min(641, pcm.length - at));
        }
        b.end();
        assertEquals(whole, odd);
    }

    private static double meanOpening(List<FrameMotion> motions) {
        return motions.stream().mapToDouble(m -> m.mouth().effectiveOpen()).average().orElseThrow();
    }
}
