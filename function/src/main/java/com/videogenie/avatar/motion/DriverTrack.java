package com.videogenie.avatar.motion;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.face.FaceLandmarks;
import java.util.Arrays;

/**
 * The motion of a driving video, one sample per output frame, relative to the driver's first face:
 * head pose (from {@link MeshPose}, smoothed), eye closure and brow raise. A sample without a face
 * holds the last pose. Past its end the track plays backwards and forwards again (ping-pong), so a
 * driver shorter than the speech never jumps back to its first frame.
 */
public final class DriverTrack {
    /** Gaussian smoothing of the pose, in samples: removes the mesh fit's jitter, keeps a nod. */
    static final double POSE_SIGMA = 1.0;
    /** Eye closure below this share is read as fit noise or a squint, not a blink. */
    private static final double CLOSURE_DEADZONE = 0.15;
    /** A lid gap this far below the driver's open eyes counts as fully closed. */
    private static final double CLOSED_SHARE = 0.25;
    private static final int[] BROW = {105, 334};
    private static final int[] EYE_TOP = {159, 386};
    private static final int[][] EYE_CORNERS = {{33, 133}, {362, 263}};
    private static final int[][] LIDS = {{159, 145}, {386, 374}};

    private final double[][] pose;
    private final double[] closure;
    private final double[] brow;

    private DriverTrack(double[][] pose, double[] closure, double[] brow) {
        this.pose = pose;
        this.closure = closure;
        this.brow = brow;
    }

    /** Samples read from the driver, before ping-pong. */
    public int length() {
        return closure.length;
    }

    public HeadPose poseAt(int frame) {
        double[] p = pose[index(frame)];
        return new HeadPose(p[0], p[1], p[2], p[3], p[4], p[5]);
    }

    /** 0 eyes as open as the driver's usually are, 1 closed. */
    public double eyeClosureAt(int frame) {
        return closure[index(frame)];
    }

    /** How far the brows are raised from the driver's first face, in face heights (negative: lowered). */
    public double browRaiseAt(int frame) {
        return brow[index(frame)];
    }

    private int index(int frame) {
        int n = closure.length;
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = frame % period;
        return m < n ? m : period - m;
    }

    /** Collects the driver's meshes in order, one per output sample; null where a sample shows no face. */
    public static final class Builder {
        private double[][] pose = new double[64][];
        private double[] eyeOpening = new double[64];
        private double[] browHeight = new double[64];
        private int count;
        private int faces;
        private MeshPose reference;
        private double referenceHeight;
        private double referenceBrow;

        public void add(FaceLandmarks mesh) {
            if (count == pose.length) {
                pose = Arrays.copyOf(pose, count * 2);
                eyeOpening = Arrays.copyOf(eyeOpening, count * 2);
                browHeight = Arrays.copyOf(browHeight, count * 2);
            }
            if (mesh == null) {
                // Hold the last pose; before the first face, the neutral one.
                pose[count] = count == 0 ? neutral() : pose[count - 1];
                eyeOpening[count] = count == 0 ? Double.NaN : eyeOpening[count - 1];
                browHeight[count] = count == 0 ? 0 : browHeight[count - 1];
                count++;
                return;
            }
            if (reference == null) {
                reference = new MeshPose(mesh);
                referenceHeight = mesh.faceHeight();
                referenceBrow = browDistance(mesh);
            }
            HeadPose p = reference.poseOf(mesh);
            pose[count] = new double[] {p.yaw(), p.pitch(), p.roll(), p.shiftX(), p.shiftY(), p.scale()};
            eyeOpening[count] = eyeOpening(mesh);
            browHeight[count] = (browDistance(mesh) / p.scale() - referenceBrow) / referenceHeight;
            count++;
            faces++;
        }

        /**
         * The track; {@code NO_FACE_DETECTED} when no sample showed a face.
         */
        public DriverTrack build() {
            if (faces == 0) {
                throw new AvatarException(ErrorCode.NO_FACE_DETECTED, "No human face was found in the driver video"
                        + " (driverVideoUrl). Use a video of one clearly visible face moving its head.");
            }
            double[][] smoothed = new double[count][6];
            double[] column = new double[count];
            for (int c = 0; c < 6; c++) {
                for (int i = 0; i < count; i++) {
                    column[i] = pose[i][c];
                }
                double[] s = smooth(column, POSE_SIGMA);
                for (int i = 0; i < count; i++) {
                    smoothed[i][c] = s[i];
                }
            }
            return new DriverTrack(smoothed, closures(), smooth(Arrays.copyOf(browHeight, count), POSE_SIGMA));
        }

        /** Eye closure against the driver's own open eyes (the 90th percentile of its lid gap). */
        private double[] closures() {
            double[] known = Arrays.stream(eyeOpening, 0, count).filter(v -> !Double.isNaN(v)).sorted().toArray();
            double open = known[(int) Math.floor(0.9 * (known.length - 1))];
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                double gap = Double.isNaN(eyeOpening[i]) ? open : eyeOpening[i];
                double closed = (open - gap) / (open * (1 - CLOSED_SHARE));
                double beyondNoise = (closed - CLOSURE_DEADZONE) / (1 - CLOSURE_DEADZONE);
                out[i] = Math.max(0, Math.min(1, beyondNoise));
            }
            return out;
        }

        private static double[] neutral() {
            return new double[] {0, 0, 0, 0, 0, 1};
        }

        /** Lid gap over eye width, both eyes: unlike face height, neither moves with the jaw. */
        private static double eyeOpening(FaceLandmarks mesh) {
            double sum = 0;
            for (int e = 0; e < 2; e++) {
                sum += distance(mesh, LIDS[e][0], LIDS[e][1]) / distance(mesh, EYE_CORNERS[e][0], EYE_CORNERS[e][1]);
            }
            return sum / 2;
        }

        private static double browDistance(FaceLandmarks mesh) {
            return (distance(mesh, BROW[0], EYE_TOP[0]) + distance(mesh, BROW[1], EYE_TOP[1])) / 2;
        }

        private static double distance(FaceLandmarks mesh, int a, int b) {
            return Math.hypot(mesh.x(a) - mesh.x(b), mesh.y(a) - mesh.y(b));
        }
    }

    /** Gaussian smoothing with the ends held (no pull towards zero at the edges). */
    static double[] smooth(double[] values, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] weights = new double[2 * radius + 1];
        for (int k = -radius; k <= radius; k++) {
            weights[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double sum = 0;
            double weight = 0;
            for (int k = -radius; k <= radius; k++) {
                int j = Math.max(0, Math.min(values.length - 1, i + k));
                sum += weights[k + radius] * values[j];
                weight += weights[k + radius];
            }
            out[i] = sum / weight;
        }
        return out;
    }
}
