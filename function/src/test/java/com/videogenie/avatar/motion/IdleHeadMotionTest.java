package com.videogenie.avatar.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdleHeadMotionTest {
    private static final double DEG = Math.PI / 180;

    @Test
    void staysWithinAFewDegreesAndKeepsMoving() {
        IdleHeadMotion motion = new IdleHeadMotion(9);
        double minYaw = Double.MAX_VALUE;
        double maxYaw = -Double.MAX_VALUE;
        for (int frame = 0; frame < 25 * 60; frame++) {
            HeadPose pose = motion.poseAt(frame / 25.0, 0);
            assertTrue(Math.abs(pose.yaw()) <= 4 * DEG && Math.abs(pose.pitch()) <= 3 * DEG
                    && Math.abs(pose.roll()) <= 2 * DEG, "pose out of range at frame " + frame + ": " + pose);
            minYaw = Math.min(minYaw, pose.yaw());
            maxYaw = Math.max(maxYaw, pose.yaw());
        }
        assertTrue(maxYaw - minYaw > 1.5 * DEG, "the head should visibly turn over a minute");
    }

    @Test
    void movesSmoothlyFromFrameToFrame() {
        IdleHeadMotion motion = new IdleHeadMotion(3);
        for (int frame = 1; frame < 25 * 30; frame++) {
            double step = Math.abs(motion.poseAt(frame / 25.0, 0).yaw() - motion.poseAt((frame - 1) / 25.0, 0).yaw());
            assertTrue(step < 0.15 * DEG, "jerky step " + step / DEG + " deg at frame " + frame);
        }
    }

    @Test
    void nodsWithSpeechLoudness() {
        IdleHeadMotion motion = new IdleHeadMotion(1);
        assertTrue(motion.poseAt(2.0, 1).pitch() > motion.poseAt(2.0, 0).pitch());
    }

    @Test
    void isAFunctionOfSeedAndTime() {
        assertEquals(new IdleHeadMotion(4).poseAt(1.5, 0.3), new IdleHeadMotion(4).poseAt(1.5, 0.3));
        assertNotEquals(new IdleHeadMotion(4).poseAt(1.5, 0.3), new IdleHeadMotion(5).poseAt(1.5, 0.3));
    }
}
