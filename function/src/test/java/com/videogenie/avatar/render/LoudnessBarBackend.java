package com.videogenie.avatar.render;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.model.ModelRegistry;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only backend that draws each frame's audio window as a bar: white, as tall as the window's
 * loudness, on black. It proves a backend plugs in through the seam alone: it is registered only in
 * the test class path ({@code META-INF/services}), and every adapter's tests can choose it by name.
 * Its frames can be read back exactly, so tests check that each frame got the sound around it.
 */
public final class LoudnessBarBackend implements RenderBackend {
    public static final String NAME = "test-loudness-bar";
    /** 0.1 s before and after each frame's start. */
    public static final AudioWindow.Span SPAN = new AudioWindow.Span(1600, 1600);
    public static final int BATCH = 5;
    /** Speech rarely goes past an RMS of 0.25. */
    private static final double GAIN = 4;
    /** The largest batch any renderer of this backend was given, for tests. */
    public static final AtomicInteger LARGEST_BATCH = new AtomicInteger();

    /** Found by {@link java.util.ServiceLoader}. */
    public static final class Provider implements RenderBackendProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public RenderBackend open(ModelRegistry models) {
            return new LoudnessBarBackend();
        }
    }

    /** The bar's height, as a share of the frame's, for a window. */
    public static double level(AudioWindow window) {
        return Math.min(1, window.rms() * GAIN);
    }

    /** Rows of the bar for a level, from the bottom of a frame this tall. */
    public static int barRows(double level, int height) {
        return (int) Math.round(level * height);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FrameRenderer prepare(Portrait portrait) {
        float[] restX = new float[FaceLandmarks.COUNT];
        float[] restY = new float[FaceLandmarks.COUNT];
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            restX[i] = portrait.landmarks().x(i);
            restY[i] = portrait.landmarks().y(i);
        }
        return new FrameRenderer() {
            @Override
            public String name() {
                return NAME;
            }

            @Override
            public int batchSize() {
                return BATCH;
            }

            @Override
            public AudioWindow.Span audioSpan() {
                return SPAN;
            }

            @Override
            public void render(FrameBatch batch) {
                LARGEST_BATCH.accumulateAndGet(batch.size(), Math::max);
                for (int slot = 0; slot < batch.size(); slot++) {
                    drawBar(batch.image(slot), barRows(level(batch.audio(slot)), portrait.height()));
                    // The bar does not move the face: enhancers are told where it rests.
                    batch.face(slot).setFromMesh(restX, restY, portrait.margin());
                }
            }
        };
    }

    /** True for a frame this backend drew: the bar spans the middle half, so an eighth in is always black. */
    public static boolean besideTheBarIsBlack(RgbImage frame) {
        for (int row = 0; row < frame.height(); row++) {
            if (lit(frame, frame.width() / 8, row)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the frame's bar reaches past half its height. */
    public static boolean barPastHalf(RgbImage frame) {
        return lit(frame, frame.width() / 2, frame.height() / 2);
    }

    // Green past the middle: the bar is white, the rest black, H.264 blurs only the edges.
    private static boolean lit(RgbImage image, int x, int y) {
        return (image.bgr()[(y * image.width() + x) * 3 + 1] & 0xff) > 127;
    }

    private static void drawBar(RgbImage image, int rows) {
        byte[] bgr = image.bgr();
        Arrays.fill(bgr, (byte) 0);
        int width = image.width();
        for (int row = image.height() - rows; row < image.height(); row++) {
            Arrays.fill(bgr, (row * width + width / 4) * 3, (row * width + 3 * width / 4) * 3, (byte) 255);
        }
    }
}
