package com.videogenie.avatar.media;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.function.ObjIntConsumer;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Reads a driving video's frames at the output frame rate: each output sample {@code k} (time
 * {@code k / fps}) gets the decoded frame showing at that time, handed over in order through one
 * reused image, so a long driver costs no memory. Sound in the file is ignored.
 */
public final class DriverVideoReader {
    /** Largest driver frame side; larger videos are refused before their first frame is decoded. */
    public static final int MAX_SIDE = 4096;

    /** What the file held: its frame size and rate, and the samples handed over. */
    public record Summary(int width, int height, double fps, double seconds, int samples) {
    }

    private DriverVideoReader() {
    }

    /**
     * Hands {@code (frame, k)} for k = 0, 1, ... to {@code sample}, at most {@code maxSamples} of them.
     *
     * @param maxSeconds the longest driver accepted (the audio limit)
     */
    public static Summary read(Path file, int fps, int maxSamples, double maxSeconds, ObjIntConsumer<RgbImage> sample) {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            try {
                grabber.start();
            } catch (FrameGrabber.Exception e) {
                throw unreadable("FFmpeg cannot open it (" + e.getMessage() + ")");
            }
            if (!grabber.hasVideo() || grabber.getImageWidth() <= 0 || grabber.getImageHeight() <= 0) {
                throw unreadable("it has no video stream");
            }
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            if (width > MAX_SIDE || height > MAX_SIDE) {
                throw new AvatarException(ErrorCode.IMAGE_TOO_LARGE, "The driver video's frames are " + width + "x"
                        + height + "; at most " + MAX_SIDE + "x" + MAX_SIDE + " is accepted.");
            }
            double declared = grabber.getLengthInTime() / 1e6;
            if (declared > maxSeconds + 0.5) {
                throw tooLong(declared, maxSeconds);
            }
            RgbImage image = new RgbImage(width, height);
            int next = 0;
            double last = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                double seconds = Math.max(0, grabber.getTimestamp() / 1e6);
                // The declared length can lie; the frames' own times cannot.
                if (seconds > maxSeconds + 0.5) {
                    throw tooLong(seconds, maxSeconds);
                }
                last = seconds;
                if (next >= maxSamples) {
                    continue;
                }
                boolean copied = false;
                // This frame shows until the next one: it serves every sample time up to half a frame past it.
                double framePeriod = grabber.getFrameRate() > 0 ? 1 / grabber.getFrameRate() : 1.0 / fps;
                while (next < maxSamples && next / (double) fps <= seconds + framePeriod / 2) {
                    if (!copied) {
                        copy(frame, image);
                        copied = true;
                    }
                    sample.accept(image, next++);
                }
            }
            if (next == 0) {
                throw unreadable("it holds no video frames");
            }
            return new Summary(width, height, grabber.getFrameRate(), last, next);
        } catch (FrameGrabber.Exception e) {
            throw unreadable("decoding failed (" + e.getMessage() + ")");
        }
    }

    private static void copy(Frame frame, RgbImage image) {
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        byte[] bgr = image.bgr();
        int rowBytes = image.width() * 3;
        for (int row = 0; row < image.height(); row++) {
            pixels.position(row * frame.imageStride);
            pixels.get(bgr, row * rowBytes, rowBytes);
        }
    }

    private static AvatarException unreadable(String why) {
        return new AvatarException(ErrorCode.UNREADABLE_VIDEO, "The driver video cannot be read: " + why
                + ". Give an MP4, MOV, WebM or another video FFmpeg reads, showing one face.");
    }

    private static AvatarException tooLong(double seconds, double maxSeconds) {
        return new AvatarException(ErrorCode.VIDEO_TOO_LONG, String.format(
                "The driver video is %.1f s long; at most %.0f s is accepted (AVATAR_MAX_AUDIO_SECONDS).", seconds, maxSeconds));
    }
}
