package com.videogenie.avatar.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.media.AudioDecoder;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live stream with its sound: the fragments, put together, decode with FFmpeg to an H.264 track
 * and an AAC track of the same length (within a frame), and the sound is where it was sent (the
 * decoded sound against the speech, at the best lag within 100 ms: within 40 ms of none; a stream
 * whose sound started one AAC packet, 64 ms, off was tried and fails it).
 */
class LiveSoundTest {
    private static final int FPS = 25;

    @TempDir
    Path work;

    @Test
    void theStreamCarriesTheSoundInStepWithThePicture() throws Exception {
        float[] speech = AudioDecoder.decode(TestAssets.audio("speech_en_8s_16k_stereo.wav"), LiveOptions.SAMPLE_RATE, 60)
                .clip().samples();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Long> frames = new ArrayList<>();
        int[] tails = new int[1];
        try (RenderAvatar avatar = RenderAvatar.create(RenderSettings.defaults(), TestAssets.models(work.resolve("cache")))) {
            LiveOptions options = LiveOptions.of(TestAssets.face("portrait_woman_474.png").toString()).withSize(256, 256, FPS);
            try (LiveVideo video = avatar.streamLive(options, null, true, new LiveVideo.Events() {
                @Override
                public void ready(LiveVideo.Ready ready) {
                    assertTrue(ready.audio(), "ready says the stream has sound");
                }

                @Override
                public void init(byte[] segment) {
                    stream.writeBytes(segment);
                }

                @Override
                public void fragment(byte[] segment, long frame, double latencyMs) {
                    stream.writeBytes(segment);
                    frames.add(frame);
                }

                @Override
                public void tail(byte[] segment) {
                    stream.writeBytes(segment);
                    tails[0]++;
                }
            })) {
                for (int at = 0; at < speech.length; at += 320) {
                    video.audio(speech, at, Math.min(320, speech.length - at));
                }
                video.end();
            }
        }
        assertEquals(0, tails[0], "the last sound comes inside the last frame's fragment");
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(i, frames.get(i), "fragments are numbered by frame");
        }
        Path file = work.resolve("live.mp4");
        Files.write(file, stream.toByteArray());

        StreamSound sound = StreamSound.of(file, speech);
        System.out.println("live sound: " + sound);
        assertEquals("h264", sound.videoCodec());
        assertEquals("aac", sound.audioCodec());
        assertEquals(frames.size(), sound.pictures(), "every frame decodes");
        assertEquals(frames.size() / (double) FPS, sound.videoSeconds(), 1e-3, "the video track is its frames");
        assertEquals(sound.videoSeconds(), sound.audioSeconds(), 1.0 / FPS, "tracks of the same length, within a frame");
        assertTrue(sound.correlation() > 0.8, "the decoded sound is the speech: " + sound.correlation());
        assertTrue(Math.abs(sound.lagMs()) <= 40, "sound and picture within 40 ms: " + sound.lagMs() + " ms");
    }
}
