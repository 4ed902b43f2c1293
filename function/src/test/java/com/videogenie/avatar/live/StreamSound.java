package com.videogenie.avatar.live;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * A live stream with sound, decoded with FFmpeg and set against the speech that was sent: its
 * codecs, its tracks' lengths as the container gives them, and where the sound sits against the
 * picture (the lag of best correlation with the speech, within 100 ms; picture time 0 is the first
 * sample sent). For the core's and the WebSocket's tests.
 */
public record StreamSound(String videoCodec, String audioCodec, int pictures, double videoSeconds,
                          double audioSeconds, double decodedSeconds, double lagMs, double correlation) {

    public static StreamSound of(Path file, float[] speech) throws Exception {
        String videoCodec;
        String audioCodec;
        int rate;
        int pictures = 0;
        double[] trackSeconds = new double[2];
        float[] decoded = new float[1 << 16];
        int count = 0;
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setSampleMode(FFmpegFrameGrabber.SampleMode.FLOAT);
            grabber.start();
            videoCodec = grabber.getVideoCodecName();
            audioCodec = grabber.getAudioCodecName();
            rate = grabber.getSampleRate();
            // The tracks' lengths as the container gives them (what a player's timeline uses).
            AVFormatContext container = grabber.getFormatContext();
            for (int i = 0; i < container.nb_streams(); i++) {
                AVStream track = container.streams(i);
                int type = track.codecpar().codec_type();
                if (type == avutil.AVMEDIA_TYPE_VIDEO || type == avutil.AVMEDIA_TYPE_AUDIO) {
                    trackSeconds[type == avutil.AVMEDIA_TYPE_VIDEO ? 0 : 1] =
                            track.duration() * avutil.av_q2d(track.time_base());
                }
            }
            Frame frame;
            while ((frame = grabber.grab()) != null) {
                if (frame.image != null) {
                    pictures++;
                }
                if (frame.samples != null) {
                    FloatBuffer samples = (FloatBuffer) frame.samples[0];
                    while (samples.hasRemaining()) {
                        if (count == decoded.length) {
                            decoded = java.util.Arrays.copyOf(decoded, 2 * count);
                        }
                        decoded[count++] = samples.get();
                    }
                }
            }
        }
        decoded = java.util.Arrays.copyOf(decoded, count);
        int window = Math.min(4 * rate, speech.length);
        int bestLag = 0;
        double best = -1;
        for (int lag = -rate / 10; lag <= rate / 10; lag += 8) {
            double c = correlation(speech, decoded, lag, window);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        int coarse = bestLag;
        for (int lag = coarse - 8; lag <= coarse + 8; lag++) {
            double c = correlation(speech, decoded, lag, window);
            if (c > best) {
                best = c;
                bestLag = lag;
            }
        }
        return new StreamSound(videoCodec, audioCodec, pictures, trackSeconds[0], trackSeconds[1],
                count / (double) rate, bestLag * 1000.0 / rate, best);
    }

    /** Normalised correlation of speech[n] with decoded[n + lag] over the first {@code length} samples. */
    private static double correlation(float[] speech, float[] decoded, int lag, int length) {
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int n = 0; n < length; n++) {
            int m = n + lag;
            if (m < 0 || m >= decoded.length) {
                continue;
            }
            xy += speech[n] * decoded[m];
            xx += speech[n] * speech[n];
            yy += decoded[m] * decoded[m];
        }
        return xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
    }

    @Override
    public String toString() {
        return String.format("%s + %s, %d pictures; tracks %.3f s video / %.3f s sound (decoded %.3f s); sound %+.1f ms"
                + " against the picture, correlation %.3f", videoCodec, audioCodec, pictures, videoSeconds,
                audioSeconds, decodedSeconds, lagMs, correlation);
    }
}
