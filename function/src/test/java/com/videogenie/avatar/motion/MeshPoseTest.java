package com.videogenie.avatar.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * MeshPose recovers a known head pose: a synthetic face is turned, tilted, scaled and shifted by the
 * warp renderer's own convention (scale * Rz(roll) Rx(pitch) Ry(yaw) about the pivot, then a shift),
 * and the fit must read back what went in.
 */
class MeshPoseTest {
    private static final double FACE_HEIGHT = 200;

    @Test
    void readsBackAKnownRotationScaleAndShift() {
        FaceLandmarks rest = face(new Random(11));
        double[][] cases = {
            {0.20, -0.10, 0.05, 0.03, -0.02, 1.00},
            {-0.15, 0.12, -0.08, -0.05, 0.04, 1.08},
            {0.0, 0.0, 0.25, 0.0, 0.0, 0.92},
            {0.0, 0.0, 0.0, 0.0, 0.0, 1.0}};
        MeshPose fit = new MeshPose(rest);
        for (double[] c : cases) {
            HeadPose pose = fit.poseOf(moved(rest, c));
            assertEquals(c[0], pose.yaw(), 1e-5, "yaw");
            assertEquals(c[1], pose.pitch(), 1e-5, "pitch");
            assertEquals(c[2], pose.roll(), 1e-5, "roll");
            assertEquals(c[3], pose.shiftX(), 1e-5, "shiftX");
            assertEquals(c[4], pose.shiftY(), 1e-5, "shiftY");
            assertEquals(c[5], pose.scale(), 1e-5, "scale");
        }
    }

    /** A face-sized cloud, upright (eye line horizontal), with forehead top and chin a face height apart. */
    private static FaceLandmarks face(Random random) {
        float[] xyz = new float[FaceLandmarks.COUNT * 3];
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            xyz[3 * i] = (float) (256 + 70 * random.nextGaussian());
            xyz[3 * i + 1] = (float) (256 + 70 * random.nextGaussian());
            xyz[3 * i + 2] = (float) (30 * random.nextGaussian());
        }
        set(xyz, MeshRegions.FOREHEAD_TOP, 256, 256 - FACE_HEIGHT / 2, -20);
        set(xyz, MeshRegions.CHIN, 256, 256 + FACE_HEIGHT / 2, -10);
        set(xyz, MeshRegions.LEFT_EYE_OUTER, 206, 220, 0);
        set(xyz, MeshRegions.RIGHT_EYE_OUTER, 306, 220, 0);
        return new FaceLandmarks(xyz);
    }

    private static FaceLandmarks moved(FaceLandmarks rest, double[] pose) {
        double meanZ = 0;
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            meanZ += rest.z(i) / FaceLandmarks.COUNT;
        }
        double[] pivot = {256, 256, meanZ + HeadPose.PIVOT_DEPTH * rest.faceHeight()};
        double[][] r = rotation(pose[0], pose[1], pose[2]);
        float[] xyz = new float[FaceLandmarks.COUNT * 3];
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            double[] p = {rest.x(i) - pivot[0], rest.y(i) - pivot[1], rest.z(i) - pivot[2]};
            for (int row = 0; row < 3; row++) {
                double v = pose[5] * (r[row][0] * p[0] + r[row][1] * p[1] + r[row][2] * p[2]) + pivot[row];
                if (row == 0) {
                    v += pose[3] * rest.faceHeight();
                } else if (row == 1) {
                    v += pose[4] * rest.faceHeight();
                }
                xyz[3 * i + row] = (float) v;
            }
        }
        return new FaceLandmarks(xyz);
    }

    /** Rz(roll) . Rx(pitch) . Ry(yaw), the order MeshAnimator turns a point in. */
    private static double[][] rotation(double yaw, double pitch, double roll) {
        double[][] ry = {{Math.cos(yaw), 0, -Math.sin(yaw)}, {0, 1, 0}, {Math.sin(yaw), 0, Math.cos(yaw)}};
        double[][] rx = {{1, 0, 0}, {0, Math.cos(pitch), -Math.sin(pitch)}, {0, Math.sin(pitch), Math.cos(pitch)}};
        double[][] rz = {{Math.cos(roll), -Math.sin(roll), 0}, {Math.sin(roll), Math.cos(roll), 0}, {0, 0, 1}};
        return multiply(rz, multiply(rx, ry));
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        double[][] out = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    out[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return out;
    }

    private static void set(float[] xyz, int point, double x, double y, double z) {
        xyz[3 * point] = (float) x;
        xyz[3 * point + 1] = (float) y;
        xyz[3 * point + 2] = (float) z;
    }
}
