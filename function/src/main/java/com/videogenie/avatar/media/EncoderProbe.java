package com.videogenie.avatar.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Whether an optional encoder (NVENC) starts on this machine, found once per process. FFmpeg has
 * NVENC compiled in, so only starting it tells whether a GPU driver is there; that is a fact of the
 * machine, not of a job, so one verdict serves every render and concurrent first renders wait for
 * the same probe instead of each starting the encoder.
 */
final class EncoderProbe {
    /** Above NVENC's smallest frame; the probe writes no frame, only starts and stops the encoder. */
    private static final int PROBE_SIZE = 256;
    private static final Map<String, Boolean> VERDICTS = new ConcurrentHashMap<>();
    private static final AtomicInteger PROBES = new AtomicInteger();

    private EncoderProbe() {
    }

    /** True when {@code codec} started in this process's probe; the first call for a codec runs it. */
    static boolean starts(String codec) {
        return VERDICTS.computeIfAbsent(codec, EncoderProbe::probe);
    }

    /** How many probes ran: lets a test see that concurrent callers shared one. */
    static int probesRun() {
        return PROBES.get();
    }

    private static boolean probe(String codec) {
        PROBES.incrementAndGet();
        Path file;
        try {
            file = Files.createTempFile("avatar-encoder-probe-", ".mp4");
        } catch (IOException e) {
            return false;
        }
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), PROBE_SIZE, PROBE_SIZE, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(codec);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(25);
        EncoderSettings.videoOptions(codec).forEach(recorder::setVideoOption);
        // Without a GPU driver NVENC fails loudly in FFmpeg's log, and that is the expected answer.
        // The level is process-wide, so this quiet spell happens once per codec and lasts one start.
        avutil.av_log_set_level(avutil.AV_LOG_FATAL);
        try {
            recorder.start();
            recorder.stop();
            return true;
        } catch (FrameRecorder.Exception | RuntimeException e) {
            return false;
        } finally {
            avutil.av_log_set_level(avutil.AV_LOG_ERROR);
            BgrFrames.release(recorder);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file of a few bytes; the system's temp cleaning takes it.
            }
        }
    }
}
