package com.videogenie.avatar.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.MouthMeasure;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.FaceLocator;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.face.OnnxFaceDetector;
import com.videogenie.avatar.face.OnnxFaceMesh;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.media.PhotoLoader;
import com.videogenie.avatar.model.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The mouth on a browser test's screenshots, as a viewer sees it: how much the mouth region changes
 * from one screenshot to the next, and the lip gap the face mesh finds on each. The face models are
 * loaded once per test.
 */
final class ScreenshotMouth implements AutoCloseable {
    /**
     * @param box     the mouth region of the first screenshot: x0, y0, x1, y1
     * @param change  mean absolute difference (per channel, 0-255) in the box between consecutive screenshots
     * @param opening inner-lip gap over face height per screenshot
     */
    record Measure(int[] box, double[] change, double[] opening) {
    }

    private final OnnxFaceDetector detector;
    private final OnnxFaceMesh mesh;
    private final FaceLocator faces;

    ScreenshotMouth(Path cache) throws IOException {
        ModelRegistry models = TestAssets.models(cache);
        detector = new OnnxFaceDetector(models.resolve("face_detector_short"), models.resolve("face_detector_full"));
        mesh = new OnnxFaceMesh(models.resolve("face_mesh"));
        faces = new FaceLocator(detector, mesh);
    }

    /** The screenshots a driver listed ({@code file} of each entry) in {@code artifacts}. */
    Measure measure(Path artifacts, JsonNode shots) throws IOException {
        List<RgbImage> frames = new ArrayList<>();
        for (JsonNode shot : shots) {
            frames.add(PhotoLoader.load(artifacts.resolve(shot.get("file").asString())));
        }
        int[] box = mouthBox(faces.locate(frames.get(0)).landmarks(), frames.get(0));
        double[] change = new double[frames.size() - 1];
        for (int i = 1; i < frames.size(); i++) {
            change[i - 1] = meanAbsoluteDifference(frames.get(i - 1), frames.get(i), box);
        }
        return new Measure(box, change, MouthMeasure.openings(faces, frames));
    }

    /** The lip gap over face height on one image. */
    double opening(Path image) throws IOException {
        return faces.locate(PhotoLoader.load(image)).landmarks().mouthOpening();
    }

    /**
     * The mouth with room to open, from the mesh: corner to corner plus a quarter of the mouth's width
     * either side, from below the nose to halfway from the lower lip to the chin.
     */
    private static int[] mouthBox(FaceLandmarks face, RgbImage image) {
        double left = face.x(MeshRegions.MOUTH_LEFT);
        double right = face.x(MeshRegions.MOUTH_RIGHT);
        double pad = (right - left) / 4;
        int x0 = (int) Math.max(0, Math.floor(left - pad));
        int x1 = (int) Math.min(image.width(), Math.ceil(right + pad));
        int y0 = (int) Math.max(0, Math.floor(face.y(MeshRegions.SUBNASALE)));
        // OUTER_LIP_LOWER[5] is the lower lip's outer centre.
        int y1 = (int) Math.min(image.height(), Math.ceil((face.y(MeshRegions.OUTER_LIP_LOWER[5])
                + face.y(MeshRegions.CHIN)) / 2));
        assertTrue(x1 - x0 >= 20 && y1 - y0 >= 20, "mouth box too small: " + x0 + "," + y0 + "-" + x1 + "," + y1);
        return new int[] {x0, y0, x1, y1};
    }

    private static double meanAbsoluteDifference(RgbImage a, RgbImage b, int[] box) {
        byte[] pa = a.bgr();
        byte[] pb = b.bgr();
        long sum = 0;
        for (int y = box[1]; y < box[3]; y++) {
            for (int i = (y * a.width() + box[0]) * 3; i < (y * a.width() + box[2]) * 3; i++) {
                sum += Math.abs((pa[i] & 0xff) - (pb[i] & 0xff));
            }
        }
        return sum / (3.0 * (box[2] - box[0]) * (box[3] - box[1]));
    }

    @Override
    public void close() {
        mesh.close();
        detector.close();
    }
}
