package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.TestAssets;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioDecoderTest {
    @TempDir
    Path dir;

    /** Transcodes the shared 8 s speech with FFmpeg, as a user's recording would arrive. */
    private Path transcode(String name, String format, int codec, int rate) throws Exception {
        Path out = dir.resolve(name);
        try (FFmpegFrameGrabber in = new FFmpegFrameGrabber(TestAssets.audio("speech_en_8s_16k_stereo.wav").toFile());
             FFmpegFrameRecorder rec = new FFmpegFrameRecorder(out.toFile(), 2)) {
            in.start();
            rec.setFormat(format);
            rec.setAudioCodec(codec);
            rec.setSampleRate(rate);
            rec.start();
            Frame samples;
            while ((samples = in.grabSamples()) != null) {
                rec.recordSamples(samples.sampleRate, samples.audioChannels, samples.samples);
            }
        }
        return out;
    }

    @Test
    void decodesCommonSpeechFormatsToMonoAtTheAnalysisRate() throws Exception {
        Path[] files = {
            TestAssets.audio("speech_en_8s_16k_stereo.wav"),
            TestAssets.audio("speech_ja_9s_48k_stereo.wav"),
            transcode("speech.mp3", "mp3", avcodec.AV_CODEC_ID_MP3, 44_100),
            transcode("speech.m4a", "ipod", avcodec.AV_CODEC_ID_AAC, 48_000),
            transcode("speech.ogg", "ogg", avcodec.AV_CODEC_ID_OPUS, 48_000),
            transcode("speech.flac", "flac", avcodec.AV_CODEC_ID_FLAC, 22_050),
        };
        double[] seconds = {8.0, 9.08, 8.0, 8.0, 8.0, 8.0};
        for (int i = 0; i < files.length; i++) {
            AudioDecoder.Decoded decoded = AudioDecoder.decode(files[i], 16_000, 60);
            assertEquals(16_000, decoded.clip().sampleRate());
            // Lossy codecs pad a few milliseconds at the ends.
            assertEquals(seconds[i], decoded.clip().durationSeconds(), 0.08, files[i].getFileName().toString());
            assertEquals(2, decoded.source().channels(), files[i].getFileName().toString());
        }
    }

    @Test
    void stopsAtTheLengthLimit() {
        AvatarException e = assertThrows(AvatarException.class,
                () -> AudioDecoder.decode(TestAssets.audio("speech_en_60s_16k_mono.wav"), 16_000, 10));
        assertEquals(ErrorCode.AUDIO_TOO_LONG, e.code());
    }

    @Test
    void rejectsAnImageGivenAsAudio() {
        AvatarException e = assertThrows(AvatarException.class,
                () -> AudioDecoder.decode(TestAssets.face("portrait_woman_256.png"), 16_000, 60));
        assertEquals(ErrorCode.UNREADABLE_AUDIO, e.code());
    }
}
