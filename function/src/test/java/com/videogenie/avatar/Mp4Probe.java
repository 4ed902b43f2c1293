package com.videogenie.avatar;

import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_TIME_BASE;
import static org.bytedeco.ffmpeg.global.avutil.av_get_pix_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * What an MP4 holds, as FFmpeg reads it back, and how many of its video frames actually decode,
 * without keeping any (for pictures, see {@link VideoFrames}).
 *
 * @param videoCodec       e.g. {@code h264}
 * @param audioCodec       e.g. {@code aac}; {@code none} without an audio stream
 * @param pixelFormat      e.g. {@code yuv420p}
 * @param containerFrames  video frames the container declares
 * @param decodedFrames    video frames that decoded to a full-size picture
 * @param durationSeconds  the container's duration
 */
public record Mp4Probe(String videoCodec, String audioCodec, int width, int height, double frameRate, String pixelFormat,
                long containerFrames, int decodedFrames, double durationSeconds) {
    static {
        // Keeps FFmpeg's per-file stream dump out of the test log; errors still show.
        av_log_set_level(AV_LOG_ERROR);
    }

    public static Mp4Probe of(Path file) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            // Raw frames skip the colour conversion; the decoder still runs on every frame.
            grabber.setImageMode(FrameGrabber.ImageMode.RAW);
            // Corrupt data makes the decoder fail instead of concealing the damage.
            grabber.setVideoOption("err_detect", "explode");
            grabber.start();
            AVStream video = grabber.getFormatContext().streams(grabber.getVideoStream());
            AVCodecParameters params = video.codecpar();
            String audioCodec = grabber.getAudioStream() < 0 ? "none"
                    : avcodec_get_name(grabber.getAudioCodec()).getString();
            int decoded = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (frame.image != null && frame.imageWidth == params.width() && frame.imageHeight == params.height()) {
                    decoded++;
                }
            }
            return new Mp4Probe(avcodec_get_name(params.codec_id()).getString(), audioCodec, params.width(),
                    params.height(), grabber.getFrameRate(), av_get_pix_fmt_name(params.format()).getString(),
                    video.nb_frames(), decoded, grabber.getFormatContext().duration() / (double) AV_TIME_BASE);
        }
    }

    /** The frames that decoded, failing unless the video is H.264. */
    public int h264Frames() {
        if (!"h264".equals(videoCodec)) {
            throw new AssertionError("not H.264: " + videoCodec);
        }
        return decodedFrames;
    }
}
