package com.videogenie.avatar.http;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.StorageSettings;
import com.videogenie.avatar.live.LiveOptions;
import com.videogenie.avatar.live.LiveVideo;
import com.videogenie.avatar.media.AudioDecoder;
import com.videogenie.avatar.media.FileAccess;
import com.videogenie.avatar.storage.JobFolder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny render before the service reports ready, so the first real request does not pay for
 * loading native libraries and initialising the models. With {@code AVATAR_WARMUP_IMAGE} and
 * {@code AVATAR_WARMUP_AUDIO} it is a full render (face, mesh, speech, encoder); without them a
 * generated grey picture and silence exercise decoding and the face detector, whose expected
 * answer is "no face". A full warm-up also streams up to 8 s of its audio through a live session.
 * Its files live in a {@link JobFolder}, gone when it ends.
 */
final class WarmUp {
    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);
    private static final int LIVE_WARM_UP_SECONDS = 8;
    /** 20 ms, as live clients send it. */
    private static final int LIVE_CHUNK = 320;

    private WarmUp() {
    }

    static void run(RenderService service, RenderSettings settings, ServiceSettings options) {
        long start = System.nanoTime();
        try (JobFolder folder = service.renderer().jobFolder("warmup")) {
            boolean full = options.warmUpImage() != null && options.warmUpAudio() != null;
            Path image = full ? options.warmUpImage() : syntheticImage(folder.newFile("warmup", ".png"));
            Path audio = full ? options.warmUpAudio() : silence(folder.newFile("warmup", ".wav"));
            // The operator's own files: the request file rules do not apply, and nothing leaves this folder.
            RenderSettings local = settings.withFiles(FileAccess.UNRESTRICTED).withStorage(StorageSettings.LOCAL_ONLY)
                    .withMaxAudioSeconds(Math.max(settings.maxAudioSeconds(), 30));
            RenderRequest request = new RenderRequest(image.toString(), audio.toString(), null,
                    folder.newFile("warmup", ".mp4").toString(), 128, 128, 10, 1L, "warmup", null);
            try {
                RenderAvatar renderer = service.renderer().withSettings(local);
                RenderResult result = renderer.apply(request);
                log.info("Warm-up render done in {} ms ({} frames, {})", (System.nanoTime() - start) / 1_000_000,
                        result.frames(), result.encoder());
                long live = System.nanoTime();
                int frames = warmLive(renderer, image, audio);
                log.info("Warm-up live session done in {} ms ({} frames)", (System.nanoTime() - live) / 1_000_000,
                        frames);
            } catch (AvatarException e) {
                if (full || e.code() != ErrorCode.NO_FACE_DETECTED) {
                    throw new IllegalStateException("The warm-up render failed: " + e, e);
                }
                log.info("Warm-up (synthetic, no face expected) done in {} ms; set AVATAR_WARMUP_IMAGE and"
                        + " AVATAR_WARMUP_AUDIO for a full warm-up", (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    /**
     * A live session at the usual size, sent as fast as it is drawn: in a fresh JVM the first seconds
     * of live streams otherwise run 150-350 ms late while the compiler works on the per-frame code.
     */
    private static int warmLive(RenderAvatar renderer, Path image, Path audio) {
        float[] samples = AudioDecoder.decode(audio, LiveOptions.SAMPLE_RATE, 600).clip().samples();
        int count = Math.min(samples.length, LIVE_WARM_UP_SECONDS * LiveOptions.SAMPLE_RATE);
        FrameCount frames = new FrameCount();
        // With sound, as live clients get it by default: the AAC path warms up too.
        try (LiveVideo video = renderer.streamLive(LiveOptions.of(image.toString()).withSeed(1), null, true, frames)) {
            for (int at = 0; at < count; at += LIVE_CHUNK) {
                video.audio(samples, at, Math.min(LIVE_CHUNK, count - at));
            }
            video.end();
        }
        return frames.frames;
    }

    /** The warm-up's stream goes nowhere; only its length is logged. */
    private static final class FrameCount implements LiveVideo.Events {
        private int frames;

        @Override
        public void done(LiveVideo.Done done) {
            frames = done.frames();
        }
    }

    private static Path syntheticImage(Path file) {
        BufferedImage image = new BufferedImage(128, 128, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 128; y++) {
            for (int x = 0; x < 128; x++) {
                int grey = 96 + (x + y) / 4;
                image.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        try {
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static Path silence(Path file) {
        AudioFormat format = new AudioFormat(16_000, 16, 1, true, false);
        byte[] samples = new byte[16_000];
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(samples), format, samples.length / 2)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
