package com.videogenie.avatar.render.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.image.RgbImage;
import org.junit.jupiter.api.Test;

class LipLineTest {
    @Test
    void theInnerLipLineMovesOntoThePhotosDarkLineBelowIt() {
        LipsFixture mesh = new LipsFixture(0.5f);
        // The photo's lips meet 2-4 px below the mesh's line (rows 102 and 103).
        RgbImage photo = new LipsFixture(0.5f).photo(LipsFixture.LIP);
        for (int px = 72; px < 128; px++) {
            for (int py = 102; py <= 103; py++) {
                System.arraycopy(LipsFixture.LINE, 0, photo.bgr(), (py * LipsFixture.SIZE + px) * 3, 3);
            }
        }
        FaceLandmarks before = mesh.landmarks();
        FaceLandmarks after = LipLine.fit(photo, before);
        assertEquals(before.y(MeshRegions.INNER_LIP_TOP) + 2.5, after.y(MeshRegions.INNER_LIP_TOP), 0.6);
        assertEquals(before.y(MeshRegions.INNER_LIP_BOTTOM) + 2.5, after.y(MeshRegions.INNER_LIP_BOTTOM), 0.6);
        assertEquals(before.y(MeshRegions.OUTER_LIP_UPPER[5]), after.y(MeshRegions.OUTER_LIP_UPPER[5]), 0,
                "the outer lip stays");
    }

    @Test
    void withoutADarkLineOrWithTheLipsApartNothingMoves() {
        LipsFixture closed = new LipsFixture(0.5f);
        RgbImage plain = closed.photo(LipsFixture.LIP);
        assertSame(closed.landmarks(), LipLine.fit(plain, closed.landmarks()));
        LipsFixture open = new LipsFixture(4);
        RgbImage line = open.photo(LipsFixture.LINE);
        assertSame(open.landmarks(), LipLine.fit(line, open.landmarks()));
    }

    private static void assertSame(FaceLandmarks expected, FaceLandmarks actual) {
        float[] a = expected.toArray();
        float[] b = actual.toArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-6, "coordinate " + i);
        }
    }
}
