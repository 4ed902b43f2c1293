package com.videogenie.avatar.motion;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;

/**
 * The head pose of a face mesh relative to a reference mesh of the same face: the rotation, scale and
 * shift that best map the reference's rigid points onto the mesh's (Horn's closed-form quaternion
 * fit), as a {@link HeadPose} in the reference face's own axes and about its pivot, so that the warp
 * renderer reproduces it. Rigid points are forehead, temples, nose and eye corners, never lips, jaw
 * or lids, so speech and blinks do not read as head motion.
 */
public final class MeshPose {
    static final int[] RIGID = {10, 151, 9, 8, 168, 6, 197, 195, 5, 4, 1, 33, 133, 362, 263,
        21, 251, 54, 284, 103, 332, 67, 297, 234, 454, 127, 356, 93, 323};

    private final double cos;
    private final double sin;
    private final double faceHeight;
    private final double[][] reference;
    private final double[] centroid;
    /** The pivot minus the rigid centroid, in the reference face's axes. */
    private final double[] pivot;

    /** @param reference the mesh whose pose is the neutral one, e.g. a driving video's first frame */
    public MeshPose(FaceLandmarks reference) {
        double angle = Math.atan2(reference.y(MeshRegions.RIGHT_EYE_OUTER) - reference.y(MeshRegions.LEFT_EYE_OUTER),
                reference.x(MeshRegions.RIGHT_EYE_OUTER) - reference.x(MeshRegions.LEFT_EYE_OUTER));
        cos = Math.cos(angle);
        sin = Math.sin(angle);
        faceHeight = reference.faceHeight();
        double[][] points = rigid(reference);
        centroid = centroid(points);
        this.reference = minus(points, centroid);
        double meanZ = 0;
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            meanZ += reference.z(i);
        }
        meanZ /= FaceLandmarks.COUNT;
        double[] centre = upright((reference.x(MeshRegions.FOREHEAD_TOP) + reference.x(MeshRegions.CHIN)) / 2,
                (reference.y(MeshRegions.FOREHEAD_TOP) + reference.y(MeshRegions.CHIN)) / 2, meanZ);
        pivot = new double[] {centre[0] - centroid[0], centre[1] - centroid[1],
            centre[2] + HeadPose.PIVOT_DEPTH * faceHeight - centroid[2]};
    }

    /** The pose that moves the reference face to {@code mesh}. */
    public HeadPose poseOf(FaceLandmarks mesh) {
        double[][] points = rigid(mesh);
        double[] moved = centroid(points);
        double[][] b = minus(points, moved);
        double[][] s = new double[3][3];
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < b.length; i++) {
            for (int j = 0; j < 3; j++) {
                normA += reference[i][j] * reference[i][j];
                normB += b[i][j] * b[i][j];
                for (int k = 0; k < 3; k++) {
                    s[j][k] += reference[i][j] * b[i][k];
                }
            }
        }
        double[][] r = rotation(s);
        double scale = Math.sqrt(normB / normA);
        double pitch = Math.asin(Math.max(-1, Math.min(1, r[2][1])));
        double yaw = Math.atan2(r[2][0], r[2][2]);
        double roll = Math.atan2(-r[0][1], r[1][1]);
        // The renderer maps p to scale * R (p - pivot) + pivot + shift; the shift is what that leaves of the move.
        double shiftX = moved[0] - centroid[0];
        double shiftY = moved[1] - centroid[1];
        for (int k = 0; k < 3; k++) {
            shiftX += (scale * r[0][k] - (k == 0 ? 1 : 0)) * pivot[k];
            shiftY += (scale * r[1][k] - (k == 1 ? 1 : 0)) * pivot[k];
        }
        return new HeadPose(yaw, pitch, roll, shiftX / faceHeight, shiftY / faceHeight, scale);
    }

    private double[][] rigid(FaceLandmarks mesh) {
        double[][] points = new double[RIGID.length][];
        for (int i = 0; i < RIGID.length; i++) {
            points[i] = upright(mesh.x(RIGID[i]), mesh.y(RIGID[i]), mesh.z(RIGID[i]));
        }
        return points;
    }

    /** Image coordinates in the reference face's upright axes. */
    private double[] upright(double x, double y, double z) {
        return new double[] {x * cos + y * sin, -x * sin + y * cos, z};
    }

    private static double[] centroid(double[][] points) {
        double[] c = new double[3];
        for (double[] p : points) {
            for (int j = 0; j < 3; j++) {
                c[j] += p[j] / points.length;
            }
        }
        return c;
    }

    private static double[][] minus(double[][] points, double[] c) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new double[] {points[i][0] - c[0], points[i][1] - c[1], points[i][2] - c[2]};
        }
        return out;
    }

    /** Horn: the rotation R maximising sum b . R a is the top eigenvector of this 4x4 matrix, as a quaternion. */
    static double[][] rotation(double[][] s) {
        double[][] n = {
            {s[0][0] + s[1][1] + s[2][2], s[1][2] - s[2][1], s[2][0] - s[0][2], s[0][1] - s[1][0]},
            {s[1][2] - s[2][1], s[0][0] - s[1][1] - s[2][2], s[0][1] + s[1][0], s[2][0] + s[0][2]},
            {s[2][0] - s[0][2], s[0][1] + s[1][0], -s[0][0] + s[1][1] - s[2][2], s[1][2] + s[2][1]},
            {s[0][1] - s[1][0], s[2][0] + s[0][2], s[1][2] + s[2][1], -s[0][0] - s[1][1] + s[2][2]}};
        double[] q = SymmetricEigen.largest(n);
        double w = q[0];
        double x = q[1];
        double y = q[2];
        double z = q[3];
        return new double[][] {
            {w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y)},
            {2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x)},
            {2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z}};
    }
}
