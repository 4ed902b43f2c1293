package com.videogenie.avatar.realism;

import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.face.OnnxFaceDetector;
import com.videogenie.avatar.face.OnnxFaceMesh;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.media.AudioDecoder;
import com.videogenie.avatar.model.ModelRegistry;
import com.videogenie.avatar.speech.AudioClip;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Prints how close our renders come to real speakers. Self-reenactment: the first frame of each
 * shared real talking video is the photo and its own sound the speech; the face-mesh tracks of the
 * render and of the real video are compared. Then the painting is rendered with the English speech
 * and compared with SadTalker's output for the same inputs. Argument: a work folder for the renders.
 */
public final class RealismBenchmark {
    private static final int LAG_RANGE = 3;
    private static final long SEED = 7L;

    private final FaceLocator faces;
    private final RenderAvatar render;
    private final Path work;

    private RealismBenchmark(FaceLocator faces, RenderAvatar render, Path work) {
        this.faces = faces;
        this.render = render;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : Files.createTempDirectory("realism").toString());
        Files.createDirectories(work);
        ModelRegistry models = TestAssets.models(work.resolve("cache"));
        try (OnnxFaceDetector detector = new OnnxFaceDetector(models.resolve("face_detector_short"),
                models.resolve("face_detector_full"));
             OnnxFaceMesh mesh = new OnnxFaceMesh(models.resolve("face_mesh"));
             RenderAvatar render = RenderAvatar.create(RenderSettings.defaults(), models)) {
            RealismBenchmark benchmark = new RealismBenchmark(new FaceLocator(detector, mesh), render, work);
            benchmark.selfReenactment();
            benchmark.againstSadTalker();
        }
    }

    private void selfReenactment() throws Exception {
        List<Path> clips;
        try (Stream<Path> files = Files.list(TestAssets.assets().resolve("video"))) {
            clips = files.filter(p -> p.getFileName().toString().startsWith("real_talking_")).sorted().toList();
        }
        System.out.println("self-reenactment (ours against the real speaker; lag > 0: ours later)");
        System.out.printf("%-34s %6s %4s %6s %7s %7s %8s %8s%n", "clip", "corr", "lag", "amp", "closed",
                "head", "blinks", "real-bl");
        List<Double> correlations = new ArrayList<>();
        for (Path clip : clips) {
            FaceTrack real = FaceTrack.measure(clip, faces);
            Path photo = work.resolve(clip.getFileName() + ".png");
            writePng(FaceTrack.firstFrame(clip), photo);
            Path ours = work.resolve("ours_" + clip.getFileName());
            int fps = (int) Math.round(real.fps());
            render.apply(new RenderRequest(photo.toString(), clip.toString(), null, ours.toString(),
                    512, 512, fps, SEED, null, null));
            FaceTrack rendered = FaceTrack.measure(ours, faces);
            double[] loudness = loudness(clip, real.fps(), real.frames());

            int lag = Stats.bestLag(rendered.mouth(), real.mouth(), LAG_RANGE);
            double correlation = Stats.correlation(rendered.mouth(), real.mouth(), lag);
            correlations.add(correlation);
            System.out.printf("%-34s %6.3f %4d %6.2f %6.0f%% %7.2f %8.1f %8.1f%n", clip.getFileName(), correlation,
                    lag, Stats.std(rendered.mouth()) / Stats.std(real.mouth()),
                    100 * closedAgreement(rendered.mouth(), real.mouth(), lag, Stats.speaking(loudness, real.fps())),
                    rendered.headMotion() / real.headMotion(), rendered.blinksPerMinute(), real.blinksPerMinute());
            System.out.printf("%-34s head std ours %.3f, real %.3f interocular distances%n", "",
                    rendered.headMotion(), real.headMotion());
        }
        System.out.printf("median mouth correlation %.3f over %d clips%n", median(correlations), correlations.size());
        System.out.println("columns: corr = mouth-opening correlation at the best lag; amp = std ours / std real;"
                + " closed = of real closed-lip frames in speech, share closed in ours; head = nose-tip std"
                + " ours / real; blinks, real-bl = blinks per minute, ours and real");
    }

    private void againstSadTalker() throws Exception {
        Path photo = TestAssets.face("portrait_art_2.png");
        Path speech = TestAssets.audio("speech_en_8s_16k_stereo.wav");
        Path peer = TestAssets.assets().resolve("peers/sadtalker_art2_speech_en_8s.mp4");
        Path ours = work.resolve("ours_art2_speech_en_8s.mp4");
        render.apply(new RenderRequest(photo.toString(), speech.toString(), null, ours.toString(),
                512, 512, 25, SEED, null, null));
        System.out.println();
        System.out.println("portrait_art_2.png + speech_en_8s_16k_stereo.wav: ours against SadTalker");
        System.out.printf("%-10s %10s %4s %10s %8s%n", "renderer", "audio-corr", "lag", "head-std", "blinks");
        for (Path video : List.of(ours, peer)) {
            FaceTrack track = FaceTrack.measure(video, faces);
            double[] loudness = loudness(speech, track.fps(), track.frames());
            int lag = Stats.bestLag(track.mouth(), loudness, LAG_RANGE);
            System.out.printf("%-10s %10.3f %4d %10.3f %8.1f%n", video == ours ? "ours" : "SadTalker",
                    Stats.correlation(track.mouth(), loudness, lag), lag, track.headMotion(), track.blinksPerMinute());
        }
        System.out.println("columns: audio-corr = mouth opening against the speech's loudness at the best lag;"
                + " head-std = nose-tip std in interocular distances");
    }

    /** Of the frames in speech where the real lips are closed, the share where ours are closed too. */
    private static double closedAgreement(double[] ours, double[] real, int lag, boolean[] speaking) {
        boolean[] ourClosed = Stats.closed(ours);
        boolean[] realClosed = Stats.closed(real);
        int both = 0;
        int realOnly = 0;
        for (int i = 0; i < real.length && i < speaking.length; i++) {
            int j = i + lag;
            if (!speaking[i] || !realClosed[i] || j < 0 || j >= ours.length) {
                continue;
            }
            if (ourClosed[j]) {
                both++;
            } else {
                realOnly++;
            }
        }
        return both + realOnly == 0 ? Double.NaN : (double) both / (both + realOnly);
    }

    /** RMS loudness of the sound during each video frame. */
    private static double[] loudness(Path media, double fps, int frames) {
        AudioClip audio = AudioDecoder.decode(media, 16_000, 600).clip();
        float[] s = audio.samples();
        double[] rms = new double[frames];
        for (int i = 0; i < frames; i++) {
            int from = (int) Math.min(s.length, Math.round(i * audio.sampleRate() / fps));
            int to = (int) Math.min(s.length, Math.round((i + 1) * audio.sampleRate() / fps));
            double sum = 0;
            for (int k = from; k < to; k++) {
                sum += s[k] * s[k];
            }
            rms[i] = to > from ? Math.sqrt(sum / (to - from)) : 0;
        }
        return rms;
    }

    private static double median(List<Double> values) {
        return Stats.percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), 0.5);
    }

    private static void writePng(RgbImage image, Path target) throws Exception {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = image.bgr();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int p = 3 * (y * image.width() + x);
                out.setRGB(x, y, (bgr[p + 2] & 0xff) << 16 | (bgr[p + 1] & 0xff) << 8 | (bgr[p] & 0xff));
            }
        }
        ImageIO.write(out, "png", target.toFile());
    }
}
