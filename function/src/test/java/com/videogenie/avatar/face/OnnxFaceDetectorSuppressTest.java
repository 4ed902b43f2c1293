package com.videogenie.avatar.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weighted non-maximum suppression: which candidates merge, what the merged box is, and the order. */
class OnnxFaceDetectorSuppressTest {
    private static final float EPS = 1e-4f;

    /** A 100 x 100 box with every keypoint coordinate set to {@code keypoint}, so averages are easy to see. */
    private static FaceDetection box(float x, float y, float score, float keypoint) {
        float[] keypoints = new float[12];
        java.util.Arrays.fill(keypoints, keypoint);
        return new FaceDetection(x, y, 100, 100, score, keypoints);
    }

    @Test
    void noCandidatesGiveNoFaces() {
        assertTrue(OnnxFaceDetector.suppress(List.of()).isEmpty());
    }

    @Test
    void heavilyOverlappingBoxesMergeIntoTheirScoreWeightedAverage() {
        // Shifted by 10 px: IoU = 9000 / 11000 = 0.82, well above the 0.3 threshold.
        List<FaceDetection> kept = OnnxFaceDetector.suppress(List.of(box(10, 4, 0.6f, 20), box(0, 0, 0.9f, 10)));

        assertEquals(1, kept.size());
        FaceDetection merged = kept.get(0);
        assertEquals((0 * 0.9f + 10 * 0.6f) / 1.5f, merged.x(), EPS); // 4
        assertEquals((0 * 0.9f + 4 * 0.6f) / 1.5f, merged.y(), EPS); // 1.6
        assertEquals(100, merged.width(), EPS);
        assertEquals(100, merged.height(), EPS);
        assertEquals(14, merged.keypointX(3), EPS, "keypoints are averaged with the same weights");
        assertEquals(14, merged.keypointY(5), EPS);
        // The merged face keeps the best candidate's confidence rather than an average.
        assertEquals(0.9f, merged.score(), EPS);
    }

    @Test
    void mergedWidthAndHeightAreWeightedToo() {
        FaceDetection small = new FaceDetection(0, 0, 100, 100, 0.75f, new float[12]);
        FaceDetection large = new FaceDetection(0, 0, 120, 110, 0.25f, new float[12]);
        FaceDetection merged = OnnxFaceDetector.suppress(List.of(small, large)).get(0);
        assertEquals(105, merged.width(), EPS);
        assertEquals(102.5f, merged.height(), EPS);
    }

    @Test
    void disjointBoxesStaySeparateAndComeOutBestFirst() {
        FaceDetection weak = box(0, 0, 0.55f, 1);
        FaceDetection strong = box(300, 0, 0.95f, 2);
        FaceDetection middle = box(0, 300, 0.7f, 3);

        List<FaceDetection> kept = OnnxFaceDetector.suppress(List.of(weak, strong, middle));

        assertEquals(3, kept.size());
        assertEquals(List.of(0.95f, 0.7f, 0.55f), kept.stream().map(FaceDetection::score).toList());
        // A cluster of one is its own average: the box passes through unchanged.
        assertEquals(300, kept.get(0).x(), EPS);
        assertEquals(300, kept.get(1).y(), EPS);
        assertArrayEquals(weak.keypoints(), kept.get(2).keypoints(), EPS);
    }

    @Test
    void aPairJustBelowTheOverlapThresholdIsNotMergedAndOneJustAboveIs() {
        // Shifted by 60 px: IoU = 4000 / 16000 = 0.25.
        assertEquals(2, OnnxFaceDetector.suppress(List.of(box(0, 0, 0.9f, 0), box(60, 0, 0.8f, 0))).size());
        // Shifted by 50 px: IoU = 5000 / 15000 = 0.33.
        assertEquals(1, OnnxFaceDetector.suppress(List.of(box(0, 0, 0.9f, 0), box(50, 0, 0.8f, 0))).size());
    }

    @Test
    void clustersFormAroundTheBestBoxNotByChaining() {
        // B overlaps A and C (IoU 0.33 each), A and C do not touch: A takes B, C stays on its own.
        FaceDetection a = box(0, 0, 0.9f, 0);
        FaceDetection b = box(50, 0, 0.8f, 0);
        FaceDetection c = box(100, 0, 0.7f, 0);

        List<FaceDetection> kept = OnnxFaceDetector.suppress(List.of(c, b, a));

        assertEquals(2, kept.size());
        assertEquals((0 * 0.9f + 50 * 0.8f) / 1.7f, kept.get(0).x(), EPS);
        assertEquals(100, kept.get(1).x(), EPS);
        assertEquals(0.7f, kept.get(1).score(), EPS);
    }

    @Test
    void theCallersListIsLeftAlone() {
        List<FaceDetection> candidates = new ArrayList<>(List.of(box(0, 0, 0.6f, 0), box(5, 0, 0.9f, 0)));
        List<FaceDetection> before = List.copyOf(candidates);
        OnnxFaceDetector.suppress(candidates);
        assertEquals(before, candidates);
    }
}
