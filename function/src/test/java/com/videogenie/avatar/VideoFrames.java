package com.videogenie.avatar;

import com.videogenie.avatar.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/** Decodes a video's frames for tests, as a player would see them. */
public final class VideoFrames {
    /** Stream facts and the decoded frames. */
    public record Decoded(String videoCodec, String audioCodec, int width, int height, double fps,
                          double durationSeconds, List<RgbImage> frames) {
    }

    private VideoFrames() {
    }

    public static Decoded decode(Path video) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            List<RgbImage> frames = new ArrayList<>();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                RgbImage image = new RgbImage(frame.imageWidth, frame.imageHeight);
                ByteBuffer pixels = (ByteBuffer) frame.image[0];
                byte[] bgr = image.bgr();
                int rowBytes = frame.imageWidth * 3;
                for (int row = 0; row < frame.imageHeight; row++) {
                    pixels.position(row * frame.imageStride);
                    pixels.get(bgr, row * rowBytes, rowBytes);
                }
                frames.add(image);
            }
            return new Decoded(grabber.getVideoCodecName(), grabber.getAudioCodecName(), grabber.getImageWidth(),
                    grabber.getImageHeight(), grabber.getFrameRate(), grabber.getLengthInTime() / 1e6, frames);
        }
    }
}
