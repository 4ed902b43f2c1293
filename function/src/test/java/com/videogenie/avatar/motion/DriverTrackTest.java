package com.videogenie.avatar.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The driver's track: ping-pong past its end, the last pose held where no face was found, no face at all refused. */
class DriverTrackTest {
    @Test
    void playsForwardsThenBackwardsPastItsEnd() {
        DriverTrack.Builder builder = new DriverTrack.Builder();
        for (int i = 0; i < 5; i++) {
            builder.add(shifted(i * 4));
        }
        DriverTrack track = builder.build();
        // Samples 0..4, then 3, 2, 1, 0, 1, ...: never a jump from the last back to the first.
        int[] expected = {0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2};
        for (int f = 0; f < expected.length; f++) {
            assertEquals(track.poseAt(expected[f]).shiftX(), track.poseAt(f).shiftX(), 1e-12, "frame " + f);
        }
        assertTrue(track.poseAt(4).shiftX() > track.poseAt(0).shiftX(), "the shift is read from the meshes");
    }

    @Test
    void holdsTheLastPoseWhereTheDriverShowsNoFace() {
        DriverTrack.Builder builder = new DriverTrack.Builder();
        builder.add(shifted(0));
        for (int i = 1; i <= 20; i++) {
            builder.add(i < 10 ? shifted(i) : null);
        }
        DriverTrack track = builder.build();
        // Far from the faces, smoothing has nothing left to blend: the held pose exactly.
        assertEquals(track.poseAt(15).shiftX(), track.poseAt(20).shiftX(), 1e-12);
        assertEquals(9.0 / 200, track.poseAt(20).shiftX(), 1e-4);
    }

    @Test
    void aDriverWithoutAnyFaceIsNoFaceDetectedNamingTheDriver() {
        DriverTrack.Builder builder = new DriverTrack.Builder();
        builder.add(null);
        builder.add(null);
        AvatarException e = assertThrows(AvatarException.class, builder::build);
        assertEquals(ErrorCode.NO_FACE_DETECTED, e.code());
        assertTrue(e.getMessage().contains("driver video"), e.getMessage());
    }

    /** A synthetic upright face of height 200 moved {@code dx} pixels to the right. */
    private static FaceLandmarks shifted(double dx) {
        float[] xyz = new float[FaceLandmarks.COUNT * 3];
        Random random = new Random(3);
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            xyz[3 * i] = (float) (256 + 60 * random.nextGaussian() + dx);
            xyz[3 * i + 1] = (float) (256 + 60 * random.nextGaussian());
            xyz[3 * i + 2] = (float) (20 * random.nextGaussian());
        }
        int[][] fixed = {{MeshRegions.FOREHEAD_TOP, 256, 156}, {MeshRegions.CHIN, 256, 356},
            {MeshRegions.LEFT_EYE_OUTER, 206, 220}, {MeshRegions.RIGHT_EYE_OUTER, 306, 220}};
        for (int[] f : fixed) {
            xyz[3 * f[0]] = (float) (f[1] + dx);
            xyz[3 * f[0] + 1] = f[2];
            xyz[3 * f[0] + 2] = 0;
        }
        return new FaceLandmarks(xyz);
    }
}
