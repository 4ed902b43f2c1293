package com.videogenie.avatar.render.warp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.image.RgbImage;
import org.junit.jupiter.api.Test;

class MouthInteriorPainterTest {
    @Test
    void aPhotosOwnTeethStayWithTheLipsAsTheMouthOpens() {
        LipsFixture rest = new LipsFixture(3);
        RgbImage photo = rest.photo(LipsFixture.TEETH);
        RgbImage frame = paint(photo, rest, rest.openedBy(14));
        // Upper lip at y 97, lower lip now at 117: teeth under the one and above the other, dark between.
        assertTrue(frame.luma(100, 98) > 200, "upper teeth under the upper lip: " + frame.luma(100, 98));
        assertTrue(frame.luma(100, 115) > 200, "lower teeth on the lower lip: " + frame.luma(100, 115));
        assertTrue(frame.luma(100, 108) < 80, "the cavity between them: " + frame.luma(100, 108));
    }

    @Test
    void atThePhotosOwnOpeningTheMouthIsThePhotos() {
        LipsFixture rest = new LipsFixture(3);
        RgbImage photo = rest.photo(LipsFixture.TEETH);
        RgbImage frame = paint(photo, rest, rest);
        for (int px = 90; px <= 110; px++) {
            for (int py = 98; py <= 101; py++) {
                assertEquals(photo.luma(px, py), frame.luma(px, py), 3, "pixel " + px + "," + py);
            }
        }
    }

    @Test
    void aClosedPhotoMouthGetsPaintedTeethAndCornersThatFadeIntoTheLips() {
        LipsFixture rest = new LipsFixture(0.3f);
        RgbImage photo = rest.photo(LipsFixture.LINE);
        RgbImage frame = paint(photo, rest, rest.openedBy(20));
        int cavity = frame.luma(100, 110);
        assertTrue(cavity < 70, "a dark cavity: " + cavity);
        assertTrue(frame.luma(100, 101) > cavity + 50, "painted upper teeth: " + frame.luma(100, 101));
        // 3 px inside the left corner the lips fold: nearer the lip's shadow (55 % of the lip's
        // brightness) than the cavity's dark.
        double lipShadow = 0.55 * photo.luma(100, 92);
        assertTrue(frame.luma(73, 100) > (cavity + lipShadow) / 2,
                "corner " + frame.luma(73, 100) + ", cavity " + cavity + ", lip shadow " + lipShadow);
        assertEquals(photo.luma(100, 60), frame.luma(100, 60), "skin away from the mouth untouched");
    }

    @Test
    void lipsThatTouchAreLeftAsThePhotoDrewThem() {
        LipsFixture rest = new LipsFixture(0.3f);
        RgbImage photo = rest.photo(LipsFixture.LINE);
        RgbImage frame = paint(photo, rest, rest);
        for (int i = 0; i < photo.bgr().length; i++) {
            assertEquals(photo.bgr()[i], frame.bgr()[i], "byte " + i);
        }
    }

    private static RgbImage paint(RgbImage photo, LipsFixture rest, LipsFixture moved) {
        MouthInteriorPainter painter = new MouthInteriorPainter(photo, rest.x, rest.y, 1f);
        RgbImage frame = photo.copy();
        painter.paint(frame, moved.x, moved.y, 0);
        return frame;
    }
}
