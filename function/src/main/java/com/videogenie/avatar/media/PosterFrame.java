package com.videogenie.avatar.media;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import java.nio.file.Path;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/** Writes a JPEG poster of a finished video: its first frame, as players show before playing. */
public final class PosterFrame {
    private PosterFrame() {
    }

    public static void write(Path video, Path jpeg) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
             OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            grabber.start();
            Frame frame = grabber.grabImage();
            if (frame == null) {
                throw new AvatarException(ErrorCode.ENCODER_FAILED, "The finished video has no frame for a poster.");
            }
            Mat image = converter.convert(frame);
            if (!opencv_imgcodecs.imwrite(jpeg.toString(), image)) {
                throw new AvatarException(ErrorCode.ENCODER_FAILED, "Cannot write the poster frame " + jpeg);
            }
            grabber.stop();
        } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "Cannot read the finished video for a poster: " + e, e);
        }
    }
}
