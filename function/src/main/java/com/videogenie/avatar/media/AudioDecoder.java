package com.videogenie.avatar.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.speech.AudioClip;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Decodes any audio FFmpeg reads (WAV, MP3, AAC/M4A, OGG/Opus, FLAC, a video's sound track) to mono
 * PCM at the analysis rate, and reports the source's own rate and channels for the output track.
 */
public final class AudioDecoder {
    static {
        avutil.av_log_set_level(AV_LOG_ERROR);
    }

    /** What the source file holds, for muxing it into the video at its own quality. */
    public record SourceFormat(int sampleRate, int channels) {
    }

    /** The decoded clip and the source's format. */
    public record Decoded(AudioClip clip, SourceFormat source) {
    }

    private AudioDecoder() {
    }

    /**
     * @param maxSeconds longer audio fails with {@code AUDIO_TOO_LONG} as soon as decoding passes the cap
     */
    public static Decoded decode(Path file, int analysisRate, double maxSeconds) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile());
        grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
        grabber.setSampleRate(analysisRate);
        grabber.setAudioChannels(1);
        try {
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw unreadable(file, e.getMessage());
            }
            if (grabber.getAudioStream() < 0 || grabber.getAudioCodec() == 0) {
                throw unreadable(file, "it has no audio stream");
            }
            SourceFormat source = new SourceFormat(sourceRate(grabber),
                    sourceChannels(grabber));
            long maxSamples = (long) Math.ceil(maxSeconds * analysisRate);
            // Size the buffer from the container's duration when it states one, to avoid regrowing.
            long expected = grabber.getLengthInTime() > 0
                    ? (long) Math.ceil(grabber.getLengthInTime() / 1e6 * analysisRate) + analysisRate / 10
                    : analysisRate * 8L;
            float[] samples = new float[(int) Math.max(1, Math.min(maxSamples + 1, expected))];
            int count = 0;
            Frame frame;
            while ((frame = grabSamples(grabber, file)) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw AvatarException.cancelled();
                }
                ShortBuffer pcm = (ShortBuffer) frame.samples[0];
                int n = pcm.remaining();
                if (count + n > maxSamples) {
                    throw new AvatarException(ErrorCode.AUDIO_TOO_LONG, "The audio is longer than the limit of "
                            + formatSeconds(maxSeconds) + ". Split it into shorter parts.");
                }
                if (count + n > samples.length) {
                    samples = Arrays.copyOf(samples, (int) Math.min(maxSamples, Math.max(count + n, samples.length * 2L)));
                }
                for (int i = 0; i < n; i++) {
                    samples[count + i] = pcm.get(pcm.position() + i) / 32768f;
                }
                count += n;
            }
            if (count == 0) {
                throw new AvatarException(ErrorCode.EMPTY_AUDIO, "The audio file " + file.getFileName()
                        + " holds no sound samples.");
            }
            return new Decoded(new AudioClip(Arrays.copyOf(samples, count), analysisRate), source);
        } finally {
            try {
                grabber.close();
            } catch (FrameGrabber.Exception ignored) {
                // Nothing was written; a failed close leaks nothing we could act on.
            }
        }
    }

    private static Frame grabSamples(FFmpegFrameGrabber grabber, Path file) {
        try {
            return grabber.grabSamples();
        } catch (FrameGrabber.Exception e) {
            throw unreadable(file, e.getMessage());
        }
    }

    // The grabber reports the converted format once resampling is set up; the stream keeps the original.
    private static int sourceRate(FFmpegFrameGrabber grabber) {
        return grabber.getFormatContext().streams(grabber.getAudioStream()).codecpar().sample_rate();
    }

    private static int sourceChannels(FFmpegFrameGrabber grabber) {
        return grabber.getFormatContext().streams(grabber.getAudioStream()).codecpar().ch_layout().nb_channels();
    }

    private static AvatarException unreadable(Path file, String detail) {
        return new AvatarException(ErrorCode.UNREADABLE_AUDIO, "Cannot decode the audio file " + file.getFileName()
                + " (" + withoutLibraryHints(detail) + "). Use WAV, MP3, AAC/M4A, OGG/Opus or FLAC.");
    }

    /** JavaCV appends hints for its own developers ("Has setFormat() been called?"); users can't act on them. */
    static String withoutLibraryHints(String message) {
        return message == null ? "unknown format" : message.replaceAll("\\s*\\((Has setFormat|For more details).*$", "").strip();
    }

    private static String formatSeconds(double seconds) {
        return seconds >= 60 && seconds % 60 == 0 ? (long) (seconds / 60) + " min" : seconds + " s";
    }
}
