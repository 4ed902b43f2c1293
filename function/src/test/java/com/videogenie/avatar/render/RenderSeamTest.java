package com.videogenie.avatar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.RenderAvatar;
import com.videogenie.avatar.RenderRequest;
import com.videogenie.avatar.RenderResult;
import com.videogenie.avatar.RenderSettings;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.VideoFrames;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.live.LiveOptions;
import com.videogenie.avatar.live.LiveSession;
import com.videogenie.avatar.media.AudioDecoder;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend found on the class path, chosen by the request's {@code renderer}, draws both a file
 * render and a live session, each frame from the sound around it, with nothing changed elsewhere.
 */
class RenderSeamTest {
    private static final int SIZE = 128;
    private static final int FPS = 25;

    @TempDir
    static Path work;
    private static RenderAvatar avatar;
    private static float[] speech;

    @BeforeAll
    static void load() {
        avatar = RenderAvatar.create(RenderSettings.defaults(), TestAssets.models(work.resolve("cache")));
        speech = AudioDecoder.decode(TestAssets.audio("speech_en_8s_16k_stereo.wav"), AudioWindow.SAMPLE_RATE, 600)
                .clip().samples();
    }

    @AfterAll
    static void close() {
        avatar.close();
    }

    @Test
    void aFileRenderUsesTheRequestedBackendInBatchesWithEachFramesSound() throws Exception {
        LoudnessBarBackend.LARGEST_BATCH.set(0);
        RenderRequest request = new RenderRequest(TestAssets.face("portrait_woman_474.png").toString(),
                TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), null, work.resolve("bar.mp4").toString(),
                SIZE, SIZE, FPS, 1L, null, null, LoudnessBarBackend.NAME);
        RenderResult result = avatar.apply(request);

        assertEquals(LoudnessBarBackend.NAME, result.renderer());
        assertEquals(LoudnessBarBackend.BATCH, LoudnessBarBackend.LARGEST_BATCH.get(), "frames arrive in batches");
        List<RgbImage> frames = VideoFrames.decode(Path.of(URI.create(result.outputUrl()))).frames();
        assertEquals(result.frames(), frames.size());
        double sum = 0;
        int worst = 0;
        int tall = 0;
        for (int i = 0; i < frames.size(); i++) {
            int expected = expectedRows(i);
            int diff = Math.abs(barRows(frames.get(i)) - expected);
            sum += diff;
            worst = Math.max(worst, diff);
            tall += expected > SIZE / 4 ? 1 : 0;
        }
        // H.264 softens the bar's top edge by a row or two; a frame given the wrong sound is off by tens.
        assertTrue(sum / frames.size() < 1.5, "mean bar error " + sum / frames.size() + " rows");
        assertTrue(worst <= 4, "worst bar error " + worst + " rows");
        assertTrue(tall > frames.size() / 4, "the speech is loud enough to tell frames apart: " + tall);
    }

    @Test
    void aLiveSessionUsesTheRequestedBackendFrameByFrame() {
        LoudnessBarBackend.LARGEST_BATCH.set(0);
        List<Integer> rows = new ArrayList<>();
        LiveOptions options = LiveOptions.of(TestAssets.face("portrait_woman_474.png").toString())
                .withSize(SIZE, SIZE, FPS).withSeed(1).withRenderer(LoudnessBarBackend.NAME);
        try (LiveSession session = avatar.openLive(options, (motion, image) -> rows.add(barRows(image)))) {
            assertEquals(LoudnessBarBackend.NAME, session.renderer());
            for (int at = 0; at < speech.length; at += 320) {
                session.accept(speech, at, Math.min(320, speech.length - at));
            }
            session.end();
        }

        assertEquals(1, LoudnessBarBackend.LARGEST_BATCH.get(), "live frames go one at a time");
        assertTrue(rows.size() > 150, "frames " + rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(expectedRows(i), rows.get(i), "bar of live frame " + i);
        }
    }

    @Test
    void refusesARendererThatIsNotThereNamingTheOnesThatAre() {
        RenderRequest request = RenderRequest.of(TestAssets.face("portrait_woman_474.png").toString(),
                TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), work.resolve("none.mp4").toString())
                .withRenderer("no-such-renderer");
        AvatarException e = assertThrows(AvatarException.class, () -> avatar.apply(request));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().contains("cpu-warp") && e.getMessage().contains(LoudnessBarBackend.NAME),
                e.getMessage());
    }

    @Test
    void enhancersRunAfterTheRendererOnEveryFrameKnowingWhereTheFaceIs() throws Exception {
        NoseMarker marker = new NoseMarker();
        RenderAvatar marked = avatar.withEnhancers(List.of(marker));
        RenderRequest request = new RenderRequest(TestAssets.face("portrait_woman_474.png").toString(),
                TestAssets.audio("speech_en_8s_16k_stereo.wav").toString(), null, work.resolve("marked.mp4").toString(),
                256, 256, FPS, 3L, null, null, "cpu-warp");
        RenderResult result = marked.apply(request);

        List<RgbImage> frames = VideoFrames.decode(Path.of(URI.create(result.outputUrl()))).frames();
        assertEquals(result.frames(), marker.noses.size(), "one pass per frame");
        float minX = Float.MAX_VALUE;
        float maxX = -Float.MAX_VALUE;
        for (int i = 0; i < frames.size(); i++) {
            float[] nose = marker.noses.get(i);
            assertTrue(isMarked(frames.get(i), nose), "frame " + i + " carries the mark at the nose");
            minX = Math.min(minX, nose[0]);
            maxX = Math.max(maxX, nose[0]);
        }
        assertTrue(maxX - minX > 1, "the region follows the moving head: nose x " + minX + ".." + maxX);
        for (FaceRegion region : marker.regions) {
            assertTrue(region.left() > 0 && region.right() < 256 && region.right() - region.left() > 60, "box");
            for (int p = 0; p < 5; p++) {
                assertTrue(region.x(p) > region.left() && region.x(p) < region.right()
                        && region.y(p) > region.top() && region.y(p) < region.bottom(), "point " + p + " in the box");
            }
            assertTrue(region.y(FaceRegion.LEFT_EYE) < region.y(FaceRegion.NOSE)
                    && region.y(FaceRegion.NOSE) < region.y(FaceRegion.MOUTH_LEFT), "eyes, nose, mouth top down");
            assertTrue(region.x(FaceRegion.LEFT_EYE) < region.x(FaceRegion.RIGHT_EYE)
                    && region.x(FaceRegion.MOUTH_LEFT) < region.x(FaceRegion.MOUTH_RIGHT), "left before right");
        }

        marker.noses.clear();
        List<Boolean> liveMarked = new ArrayList<>();
        LiveOptions options = LiveOptions.of(TestAssets.face("portrait_woman_474.png").toString())
                .withSize(256, 256, FPS).withSeed(1);
        try (LiveSession session = marked.openLive(options,
                (motion, image) -> liveMarked.add(isMarked(image, marker.noses.get(marker.noses.size() - 1))))) {
            session.accept(speech, 0, 16000);
            session.end();
        }
        assertTrue(liveMarked.size() >= 25 && !liveMarked.contains(false), "live frames marked: " + liveMarked);
    }

    /** A test enhancer: paints a green square on the nose point of each frame and records the regions. */
    private static final class NoseMarker implements FrameEnhancer {
        final List<float[]> noses = new ArrayList<>();
        final List<FaceRegion> regions = new ArrayList<>();

        @Override
        public String name() {
            return "test-nose-marker";
        }

        @Override
        public Pass prepare(Portrait portrait, StageOptions options) {
            return batch -> {
                for (int slot = 0; slot < batch.size(); slot++) {
                    FaceRegion face = batch.face(slot);
                    noses.add(new float[] {face.x(FaceRegion.NOSE), face.y(FaceRegion.NOSE)});
                    FaceRegion kept = new FaceRegion();
                    kept.copyFrom(face);
                    regions.add(kept);
                    paintSquare(batch.image(slot), Math.round(face.x(FaceRegion.NOSE)),
                            Math.round(face.y(FaceRegion.NOSE)));
                }
            };
        }

        private static void paintSquare(RgbImage image, int cx, int cy) {
            for (int y = cy - 4; y <= cy + 4; y++) {
                for (int x = cx - 4; x <= cx + 4; x++) {
                    int at = (y * image.width() + x) * 3;
                    image.bgr()[at] = 0;
                    image.bgr()[at + 1] = (byte) 255;
                    image.bgr()[at + 2] = 0;
                }
            }
        }
    }

    private static boolean isMarked(RgbImage image, float[] nose) {
        int at = (Math.round(nose[1]) * image.width() + Math.round(nose[0])) * 3;
        int blue = image.bgr()[at] & 0xff;
        int green = image.bgr()[at + 1] & 0xff;
        int red = image.bgr()[at + 2] & 0xff;
        return green > 200 && red < 90 && blue < 90;
    }

    /** The bar the backend should have drawn for frame i, from the whole speech. */
    private static int expectedRows(int frame) {
        AudioWindow window = new AudioWindow(LoudnessBarBackend.SPAN);
        window.fill(speech, frame, FPS);
        return LoudnessBarBackend.barRows(LoudnessBarBackend.level(window), SIZE);
    }

    /** White rows in the frame's middle column. */
    private static int barRows(RgbImage image) {
        int rows = 0;
        int column = image.width() / 2;
        for (int row = 0; row < image.height(); row++) {
            int green = image.bgr()[(row * image.width() + column) * 3 + 1] & 0xff;
            rows += green > 127 ? 1 : 0;
        }
        return rows;
    }
}
