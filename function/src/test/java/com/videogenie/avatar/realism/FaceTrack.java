package com.videogenie.avatar.realism;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

/**
 * Per-frame face-mesh measures of one video: mouth opening (inner-lip gap over face height), eye
 * darkness (the share of iris and pupil between the eye corners, {@link EyeDarkness}), and the
 * nose tip in interocular distances (outer eye corners, so the figure does not depend on the frame
 * size). Frames where no face is found hold NaN.
 */
public record FaceTrack(double fps, double[] mouth, double[] eyes, double[] noseX, double[] noseY) {
    static {
        // The grabber's stream banners would bury the figures.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /** Decodes the video frame by frame (nothing kept but the measures) and fits the mesh on each. */
    public static FaceTrack measure(Path video, FaceLocator faces) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            int capacity = Math.max(16, grabber.getLengthInVideoFrames() + 8);
            double[] mouth = new double[capacity];
            double[] eyes = new double[capacity];
            double[] noseX = new double[capacity];
            double[] noseY = new double[capacity];
            RgbImage image = null;
            int n = 0;
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                if (n == capacity) {
                    capacity *= 2;
                    mouth = Arrays.copyOf(mouth, capacity);
                    eyes = Arrays.copyOf(eyes, capacity);
                    noseX = Arrays.copyOf(noseX, capacity);
                    noseY = Arrays.copyOf(noseY, capacity);
                }
                if (image == null) {
                    image = new RgbImage(frame.imageWidth, frame.imageHeight);
                }
                copy(frame, image);
                try {
                    FaceLandmarks mesh = faces.locate(image).landmarks();
                    double interocular = mesh.distance(MeshRegions.LEFT_EYE_OUTER, MeshRegions.RIGHT_EYE_OUTER);
                    mouth[n] = mesh.mouthOpening();
                    eyes[n] = EyeDarkness.measure(image, mesh);
                    noseX[n] = mesh.x(MeshRegions.NOSE_TIP) / interocular;
                    noseY[n] = mesh.y(MeshRegions.NOSE_TIP) / interocular;
                } catch (AvatarException noFace) {
                    mouth[n] = eyes[n] = noseX[n] = noseY[n] = Double.NaN;
                }
                n++;
            }
            return new FaceTrack(grabber.getFrameRate(), Arrays.copyOf(mouth, n), Arrays.copyOf(eyes, n),
                    Arrays.copyOf(noseX, n), Arrays.copyOf(noseY, n));
        }
    }

    /** The first frame of a video, for self-reenactment's photo. */
    public static RgbImage firstFrame(Path video) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
            grabber.start();
            Frame frame = grabber.grabImage();
            if (frame == null) {
                throw new IllegalStateException(video + " has no video frame");
            }
            RgbImage image = new RgbImage(frame.imageWidth, frame.imageHeight);
            copy(frame, image);
            return image;
        }
    }

    public int frames() {
        return mouth.length;
    }

    public double seconds() {
        return frames() / fps;
    }

    /** How far the head wanders: std of the nose tip, both axes together, in interocular distances. */
    public double headMotion() {
        return Math.hypot(Stats.std(noseX), Stats.std(noseY));
    }

    /**
     * Blinks per minute: dips of the eye darkness ({@link EyeDarkness}) below 3/4 of its usual
     * (median) value, each counted once: the next needs the eyes back above 9/10 first. Checked on
     * our renders, whose blinks are known: each shows as a dip to 0.55-0.65; outside blinks the
     * measure stays within 0.9-1.1 on our renders and 0.8-1.15 on the real clips.
     */
    public double blinksPerMinute() {
        double usual = Stats.percentile(eyes, 0.5);
        int blinks = 0;
        boolean closed = false;
        for (double e : eyes) {
            if (Double.isNaN(e)) {
                continue;
            }
            if (!closed && e < 0.75 * usual) {
                blinks++;
                closed = true;
            } else if (closed && e > 0.9 * usual) {
                closed = false;
            }
        }
        return blinks / seconds() * 60;
    }

    private static void copy(Frame frame, RgbImage image) {
        ByteBuffer pixels = (ByteBuffer) frame.image[0];
        byte[] bgr = image.bgr();
        int rowBytes = frame.imageWidth * 3;
        for (int row = 0; row < frame.imageHeight; row++) {
            pixels.position(row * frame.imageStride);
            pixels.get(bgr, row * rowBytes, rowBytes);
        }
    }
}
