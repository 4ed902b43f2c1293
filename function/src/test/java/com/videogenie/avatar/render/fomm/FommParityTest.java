package com.videogenie.avatar.render.fomm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.VideoFrames;
import com.videogenie.avatar.image.ImageOps;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.neural.NeuralSettings;
import com.videogenie.avatar.neural.FrameDifference;
import com.videogenie.avatar.neural.Ppm;
import com.videogenie.avatar.neural.StandInNetworks;
import com.videogenie.avatar.neural.TorchScriptModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java FOMM path (crop and anti-aliased resize, keypoints, relative motion with scale adaptation,
 * generator, paste-back) against an independent Python reference (src/test/python/fomm_reference.py)
 * on the stand-in networks, with real footage as the driving frames, in batches of 3 against the
 * reference's one frame at a time. Frames must agree within 1/255 on average and 3/255 at worst.
 */
class FommParityTest {
    private static final int FRAMES = 6;
    private static final int BATCH = 3;

    @TempDir
    static Path work;
    private static TorchScriptModel detector;
    private static TorchScriptModel generator;
    private static List<RgbImage> driving;
    private static RgbImage source;
    private static Path standIns;

    @BeforeAll
    static void load() throws Exception {
        standIns = StandInNetworks.fomm();
        NeuralSettings settings = StandInNetworks.settings(standIns, BATCH);
        detector = TorchScriptModel.load("detector", standIns.resolve("fomm_kp_detector.pt"), settings);
        generator = TorchScriptModel.load("generator", standIns.resolve("fomm_generator.pt"), settings);
        List<RgbImage> all = VideoFrames.decode(TestAssets.video("driver_head_motion_3s.mp4")).frames();
        // Another person as the photo, so the keypoint hulls differ and the movement scale is not 1.
        RgbImage other = VideoFrames.decode(TestAssets.video("real_talking_woman_8s.mp4")).frames().get(0);
        source = ImageOps.resize(other, all.get(0).width(), all.get(0).height());
        driving = new ArrayList<>();
        // Every fifth frame, so the head has moved between them.
        for (int i = 0; i < FRAMES; i++) {
            driving.add(all.get(i * 5));
        }
    }

    @AfterAll
    static void close() {
        detector.close();
        generator.close();
    }

    @Test
    void aCropLargerThanTheNetworkMatchesTheReference() throws Exception {
        RgbImage frame = driving.get(0);
        int side = Math.min(frame.width(), frame.height()) * 9 / 10;
        check(new FaceCrop((frame.width() - side) / 2, (frame.height() - side) / 2, side), "large");
    }

    @Test
    void aCropSmallerThanTheNetworkMatchesTheReference() throws Exception {
        RgbImage frame = driving.get(0);
        check(new FaceCrop(frame.width() / 2 - 100, frame.height() / 3, 200), "small");
    }

    private static void check(FaceCrop crop, String name) throws Exception {
        Path folder = Files.createDirectories(work.resolve(name));
        Ppm.write(folder.resolve("source.ppm"), source);
        Files.writeString(folder.resolve("crop.txt"), crop.left() + " " + crop.top() + " " + crop.side() + "\n");
        List<RgbImage> outputs = new ArrayList<>();
        List<float[]> keypoints = new ArrayList<>();
        try (FommAnimator animator = new FommAnimator(detector, generator, source, crop, BATCH)) {
            for (int start = 0; start < FRAMES; start += BATCH) {
                RgbImage[] batch = new RgbImage[BATCH];
                for (int b = 0; b < BATCH; b++) {
                    RgbImage input = driving.get(start + b);
                    Ppm.write(folder.resolve(String.format("driving_%03d.ppm", start + b)), input);
                    batch[b] = input.copy();
                }
                animator.animate(batch, BATCH);
                for (int b = 0; b < BATCH; b++) {
                    assertTrue(Math.abs(animator.movementScale() - 1) > 0.01, "the movement scale is exercised");
                    outputs.add(batch[b]);
                    keypoints.add(animator.lastKeypoints(b));
                }
            }
        }
        StandInNetworks.run(List.of(TestAssets.repositoryRoot().resolve("function/src/test/python/fomm_reference.py").toString(),
                folder.toString(), standIns.resolve("fomm_kp_detector.pt").toString(),
                standIns.resolve("fomm_generator.pt").toString()));

        List<String> lines = Files.readAllLines(folder.resolve("keypoints.txt"));
        assertEquals(FRAMES, lines.size());
        double meanWorst = 0;
        double maxWorst = 0;
        double keypointWorst = 0;
        for (int i = 0; i < FRAMES; i++) {
            RgbImage expected = Ppm.read(folder.resolve(String.format("out_%03d.ppm", i)));
            FrameDifference error = FrameDifference.of(outputs.get(i), expected);
            meanWorst = Math.max(meanWorst, error.mean());
            maxWorst = Math.max(maxWorst, error.largest());
            assertTrue(error.mean() <= 1.0, name + " frame " + i + ": mean difference " + error.mean() + " levels");
            assertTrue(error.largest() <= 3.0, name + " frame " + i + ": largest difference " + error.largest() + " levels");
            // Not a vacuous match: the generated face replaced the driving frame's inside the crop.
            FrameDifference changed = FrameDifference.of(outputs.get(i), driving.get(i));
            assertTrue(changed.largest() > 20, name + " frame " + i + ": the face was not redrawn");
            String[] reference = lines.get(i).trim().split(" ");
            float[] ours = keypoints.get(i);
            assertEquals(ours.length, reference.length);
            for (int k = 0; k < ours.length; k++) {
                keypointWorst = Math.max(keypointWorst, Math.abs(Float.parseFloat(reference[k]) - ours[k]));
                assertEquals(Float.parseFloat(reference[k]), ours[k], 2e-5, name + " frame " + i + " keypoint value " + k);
            }
        }
        System.out.printf("FOMM parity, %s crop (%d px): frames mean %.4f, max %.0f levels; keypoints max %.2e%n",
                name, crop.side(), meanWorst, maxWorst, keypointWorst);
    }
}
