package com.videogenie.avatar.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.face.MeshRegions;
import com.videogenie.avatar.image.RgbImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortraitFramingTest {
    private static final int SIZE = 512;
    /** A landmark outside the face oval, free to mark a chosen photo point. */
    private static final int MARKER = 1;
    private static final int SECOND_MARKER = 4;

    /** A face whose oval is a circle; two free landmarks mark chosen points of the photo. */
    private static FaceLandmarks face(double cx, double cy, double radius, double[] marker, double[] second) {
        float[] xyz = new float[FaceLandmarks.COUNT * 3];
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            xyz[3 * i] = (float) cx;
            xyz[3 * i + 1] = (float) cy;
        }
        int n = MeshRegions.FACE_OVAL.length;
        for (int k = 0; k < n; k++) {
            double a = 2 * Math.PI * k / n;
            xyz[3 * MeshRegions.FACE_OVAL[k]] = (float) (cx + radius * Math.cos(a));
            xyz[3 * MeshRegions.FACE_OVAL[k] + 1] = (float) (cy + radius * Math.sin(a));
        }
        xyz[3 * MARKER] = (float) marker[0];
        xyz[3 * MARKER + 1] = (float) marker[1];
        xyz[3 * SECOND_MARKER] = (float) second[0];
        xyz[3 * SECOND_MARKER + 1] = (float) second[1];
        return new FaceLandmarks(xyz);
    }

    private static RgbImage gray(int width, int height) {
        RgbImage image = new RgbImage(width, height);
        Arrays.fill(image.bgr(), (byte) 100);
        return image;
    }

    @Test
    void theFaceFillsAboutHalfTheFrameJustAboveTheCentre() {
        FaceLandmarks face = face(500, 420, 100, new double[] {500, 420}, new double[] {500, 420});
        Portrait portrait = PortraitFraming.frame(gray(1000, 1000), face, SIZE, SIZE);
        // The oval is 200 px tall, but a round face counts as 1.2 x its width: 240 x 1.9 = 456 px of photo.
        assertEquals(456.0 / SIZE, portrait.sourceScale(), 1e-9);
        int margin = portrait.margin();
        FaceLandmarks framed = portrait.landmarks();
        double top = Double.MAX_VALUE;
        double bottom = -Double.MAX_VALUE;
        for (int i : MeshRegions.FACE_OVAL) {
            top = Math.min(top, framed.y(i) - margin);
            bottom = Math.max(bottom, framed.y(i) - margin);
        }
        assertEquals(200 / portrait.sourceScale() / SIZE, (bottom - top) / SIZE, 1e-3, "face height share");
        assertEquals(PortraitFraming.FACE_CENTRE_HEIGHT, (top + bottom) / 2 / SIZE, 2e-3, "face centre height");
        assertEquals(0.5, (framed.x(MARKER) - margin) / SIZE, 2e-3, "face centre across");
        assertEquals(SIZE + 2 * margin, portrait.canvas().width());
    }

    @Test
    void theCanvasShowsThePhotoWhereTheLandmarksSayItIs() {
        // A bright square on a gray photo, marked by a landmark: after framing, the landmark still sits on it.
        RgbImage photo = gray(1000, 800);
        int dotX = 430;
        int dotY = 380;
        for (int y = dotY - 4; y <= dotY + 4; y++) {
            for (int x = dotX - 4; x <= dotX + 4; x++) {
                Arrays.fill(photo.bgr(), (y * photo.width() + x) * 3, (y * photo.width() + x) * 3 + 3, (byte) 250);
            }
        }
        FaceLandmarks face = face(480, 400, 90, new double[] {dotX, dotY}, new double[] {dotX + 40, dotY});
        Portrait portrait = PortraitFraming.frame(photo, face, SIZE, SIZE);
        int x = Math.round(portrait.landmarks().x(MARKER));
        int y = Math.round(portrait.landmarks().y(MARKER));
        assertTrue(portrait.canvas().luma(x, y) > 200, "luma at the marked dot: " + portrait.canvas().luma(x, y));
        int ax = Math.round(portrait.landmarks().x(SECOND_MARKER));
        assertTrue(portrait.canvas().luma(ax, y) < 120, "40 photo px to the right is gray again");
    }

    @Test
    void aFaceAtThePhotosEdgeIsFramedInsideThePhoto() {
        // Markers on the photo's corners: the whole canvas, sway margin included, must lie between them.
        double[] topLeft = {0, 0};
        double[] bottomRight = {1000, 1000};
        Portrait portrait = PortraitFraming.frame(gray(1000, 1000),
                face(60, 940, 50, topLeft, bottomRight), SIZE, SIZE);
        assertInsidePhoto(portrait);
    }

    @Test
    void aTightPhotoGivesATighterFrameNotInventedBorders() {
        // The face fills the photo: the wanted crop (1.9 x the face) cannot fit, so it shrinks until
        // the crop and its sway margin are the photo.
        double[] topLeft = {0, 0};
        double[] bottomRight = {300, 400};
        Portrait portrait = PortraitFraming.frame(gray(300, 400),
                face(150, 200, 130, topLeft, bottomRight), SIZE, SIZE);
        assertInsidePhoto(portrait);
        assertEquals(300.0 / (SIZE + 2 * portrait.margin()), portrait.sourceScale(), 1e-9,
                "the canvas is the photo's full width");
    }

    @Test
    void aWideFrameKeepsItsShape() {
        FaceLandmarks face = face(500, 420, 100, new double[] {0, 0}, new double[] {1000, 1000});
        Portrait portrait = PortraitFraming.frame(gray(1000, 1000), face, 640, 360);
        assertEquals(640, portrait.width());
        assertEquals(360, portrait.height());
        assertEquals(640 + 2 * portrait.margin(), portrait.canvas().width());
        assertEquals(360 + 2 * portrait.margin(), portrait.canvas().height());
        // One scale for both axes: the face is not stretched.
        assertEquals(456.0 / 360, portrait.sourceScale(), 1e-9);
        assertInsidePhoto(portrait);
    }

    private static void assertInsidePhoto(Portrait portrait) {
        FaceLandmarks framed = portrait.landmarks();
        int margin = portrait.margin();
        double slack = 1e-3;
        assertTrue(framed.x(MARKER) <= slack && framed.y(MARKER) <= slack,
                "photo's top-left corner at " + framed.x(MARKER) + "," + framed.y(MARKER));
        assertTrue(framed.x(SECOND_MARKER) >= 2 * margin + portrait.width() - slack
                        && framed.y(SECOND_MARKER) >= 2 * margin + portrait.height() - slack,
                "photo's bottom-right corner at " + framed.x(SECOND_MARKER) + "," + framed.y(SECOND_MARKER));
    }
}
