package com.videogenie.avatar.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;

import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.image.RgbImage;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * The encode-only floor of a render: how fast the encoder alone turns frames into the same MP4
 * (same size, rate, encoder settings and muxed audio), with no face work and no warping. Frames are
 * taken from an already rendered video, so the encoder sees realistic content. Used by
 * {@code scripts/benchmark-render.sh}; prints one line of {@code key=value} figures. It lives in the
 * core's test sources so that no benchmark ships in the product.
 *
 * <pre>java -cp TEST_CLASSPATH com.videogenie.avatar.media.EncodeFloorBenchmark RENDERED.mp4 AUDIO FRAMES</pre>
 */
public final class EncodeFloorBenchmark {
    /** Ten seconds at 25 fps: enough varied content, about 200 MB at 512x512. */
    private static final int SAMPLE_FRAMES = 250;
    /** The rate the render analyses speech at; only the source format is used here. */
    private static final int ANALYSIS_RATE = 16_000;

    private EncodeFloorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: EncodeFloorBenchmark RENDERED.mp4 AUDIO FRAMES");
            System.exit(2);
        }
        Path rendered = Path.of(args[0]);
        Path audio = Path.of(args[1]);
        int frames = Integer.parseInt(args[2]);
        av_log_set_level(AV_LOG_ERROR);

        Sample sample = readFrames(rendered, SAMPLE_FRAMES);
        RenderSettings settings = RenderSettings.fromEnvironment(System.getenv());
        AudioDecoder.SourceFormat source = AudioDecoder.decode(audio, ANALYSIS_RATE, settings.maxAudioSeconds()).source();
        Path out = Files.createTempFile("avatar-encode-floor-", ".mp4");
        try {
            String codec;
            // Timed like the render's "frames" stage: opening the encoder, every frame, finishing the file.
            long start = System.nanoTime();
            try (FfmpegVideoEncoder encoder = FfmpegVideoEncoder.open(out, sample.width(), sample.height(), sample.fps(),
                    audio, source, settings.encoder())) {
                codec = encoder.codec();
                for (int i = 0; i < frames; i++) {
                    encoder.encode(sample.frames().get(i % sample.frames().size()));
                }
                encoder.finish();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double videoSeconds = frames / (double) sample.fps();
            System.out.printf(Locale.ROOT, "frames=%d seconds=%.3f fps=%.1f x_real_time=%.2f encoder=%s sample_frames=%d%n",
                    frames, seconds, frames / seconds, videoSeconds / seconds, codec, sample.frames().size());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Decoded frames of a video, and its size and rate. */
    private record Sample(int width, int height, int fps, List<RgbImage> frames) {
    }

    private static Sample readFrames(Path video, int limit) throws FrameGrabber.Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile())) {
            grabber.setPixelFormat(AV_PIX_FMT_BGR24);
            grabber.start();
            List<RgbImage> frames = new ArrayList<>();
            Frame frame;
            while (frames.size() < limit && (frame = grabber.grabImage()) != null) {
                frames.add(toImage(frame));
            }
            if (frames.isEmpty()) {
                throw new IllegalArgumentException("no video frames in " + video);
            }
            return new Sample(grabber.getImageWidth(), grabber.getImageHeight(),
                    (int) Math.round(grabber.getFrameRate()), frames);
        }
    }

    // FFmpeg may pad rows; RgbImage has none, so copy row by row.
    private static RgbImage toImage(Frame frame) {
        RgbImage image = new RgbImage(frame.imageWidth, frame.imageHeight);
        ByteBuffer pixels = ((ByteBuffer) frame.image[0]).duplicate();
        int rowBytes = frame.imageWidth * 3;
        for (int row = 0; row < frame.imageHeight; row++) {
            pixels.position(row * frame.imageStride);
            pixels.get(image.bgr(), row * rowBytes, rowBytes);
        }
        return image;
    }
}
