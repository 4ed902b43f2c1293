package com.videogenie.avatar.media;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;

/**
 * H.264 + AAC in MP4 (yuv420p, +faststart) through JavaCV's FFmpeg. NVENC is tried first when
 * allowed and the process's {@link EncoderProbe} saw it start, else libx264.
 * The source audio is re-read and interleaved frame by frame, so memory stays flat.
 */
public final class FfmpegVideoEncoder implements VideoEncoder {
    private final Path file;
    private final FFmpegFrameRecorder recorder;
    private final FFmpegFrameGrabber audio;
    private final String codec;
    private final int fps;
    private final BgrFrames pixels;
    private long framesEncoded;
    private boolean audioDone;
    private boolean finished;

    private FfmpegVideoEncoder(Path file, FFmpegFrameRecorder recorder, FFmpegFrameGrabber audio, String codec,
                               int fps, int width, int height) {
        this.file = file;
        this.recorder = recorder;
        this.audio = audio;
        this.codec = codec;
        this.fps = fps;
        this.pixels = new BgrFrames(width, height);
    }

    /**
     * Opens {@code file} for writing; the caller owns the file's name and lifetime (write it to a
     * temporary name and move it when complete).
     */
    public static FfmpegVideoEncoder open(Path file, int width, int height, int fps, Path audioSource,
                                          AudioDecoder.SourceFormat audioFormat, EncoderSettings settings) {
        FFmpegFrameGrabber audio = openAudio(audioSource);
        List<String> failures = new ArrayList<>();
        for (String codec : settings.candidates()) {
            // With a fallback behind it, NVENC is tried only where the process's probe saw it start.
            boolean optional = settings.candidates().size() > 1 && codec.equals(EncoderSettings.NVENC);
            if (optional && !EncoderProbe.starts(codec)) {
                failures.add(codec + ": unavailable on this machine (it did not start when probed)");
                continue;
            }
            FFmpegFrameRecorder recorder = recorder(file, width, height, fps, audioFormat, codec);
            try {
                recorder.start();
                return new FfmpegVideoEncoder(file, recorder, audio, codec, fps, width, height);
            } catch (FrameRecorder.Exception | RuntimeException e) {
                // A start that fails for this job (a full disk, all NVENC sessions busy) falls back for this
                // job only; the probe's verdict about the machine stands.
                failures.add(codec + ": " + e.getMessage());
                BgrFrames.release(recorder);
                deleteQuietly(file);
            }
        }
        closeQuietly(audio);
        throw new AvatarException(ErrorCode.ENCODER_FAILED, "No H.264 encoder could be started: " + failures);
    }

    private static FFmpegFrameRecorder recorder(Path file, int width, int height, int fps,
                                                AudioDecoder.SourceFormat audioFormat, String codec) {
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height,
                EncoderSettings.outputChannels(audioFormat.channels()));
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(codec);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(fps * 2);
        EncoderSettings.videoOptions(codec).forEach(recorder::setVideoOption);
        recorder.setOption("movflags", "+faststart");
        recorder.setAudioCodec(AV_CODEC_ID_AAC);
        recorder.setSampleRate(EncoderSettings.outputSampleRate(audioFormat.sampleRate()));
        recorder.setAudioBitrate(128_000);
        return recorder;
    }

    private static FFmpegFrameGrabber openAudio(Path source) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile());
        grabber.setSampleFormat(AV_SAMPLE_FMT_S16);
        try {
            grabber.start();
            return grabber;
        } catch (FrameGrabber.Exception e) {
            closeQuietly(grabber);
            throw new AvatarException(ErrorCode.UNREADABLE_AUDIO, "Cannot reopen the audio for muxing: " + e.getMessage(), e);
        }
    }

    @Override
    public void encode(RgbImage frame) {
        try {
            pixels.record(recorder, frame);
            framesEncoded++;
            muxAudioUntil((double) framesEncoded / fps);
        } catch (FrameRecorder.Exception e) {
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "Encoding frame " + framesEncoded + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Feeds source audio up to {@code seconds}, keeping both streams interleaved in the file. */
    private void muxAudioUntil(double seconds) throws FrameRecorder.Exception {
        while (!audioDone && audio.getTimestamp() / 1e6 < seconds) {
            Frame samples;
            try {
                samples = audio.grabSamples();
            } catch (FrameGrabber.Exception e) {
                throw new AvatarException(ErrorCode.UNREADABLE_AUDIO, "Re-reading the audio failed: " + e.getMessage(), e);
            }
            if (samples == null) {
                audioDone = true;
                return;
            }
            recorder.recordSamples(samples.sampleRate, samples.audioChannels, samples.samples);
        }
    }

    @Override
    public void finish() {
        try {
            muxAudioUntil(Double.MAX_VALUE);
            recorder.stop();
            finished = true;
        } catch (FrameRecorder.Exception e) {
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "Finishing the video failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String codec() {
        return codec;
    }

    @Override
    public void close() {
        BgrFrames.release(recorder);
        closeQuietly(audio);
        if (!finished) {
            deleteQuietly(file);
        }
    }

    private static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception ignored) {
            // Reading only; nothing to undo.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The caller's own clean-up removes the temporary file's folder entry if this fails.
        }
    }
}
