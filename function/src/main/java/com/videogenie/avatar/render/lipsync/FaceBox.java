package com.videogenie.avatar.render.lipsync;

import com.videogenie.avatar.render.FaceRegion;

/**
 * The face box a lip-sync network crops, in whole frame pixels, {@code [x1, x2) x [y1, y2)}: the
 * rendered face's mesh box (in place of the references' detections, which our own renderer makes
 * unnecessary) with the chin padded by a share of its height, or from the nose tip's height as far
 * above it as the chin is below (MuseTalk), truncated to integers and kept inside the frame.
 */
record FaceBox(int x1, int y1, int x2, int y2) {
    /** Smaller than this on either side, the face is too small (or off-frame) to redraw. */
    static final int MIN_SIDE = 8;

    static FaceBox of(FaceRegion face, LipSyncNetwork.Geometry geometry, int width, int height) {
        double pad = geometry.chinPad() * (face.bottom() - face.top());
        // MuseTalk's box has the nose tip at its middle: the half it redraws starts there.
        double top = geometry.noseCentred() ? 2 * face.y(FaceRegion.NOSE) - face.bottom() : face.top();
        int x1 = Math.max(0, (int) face.left());
        int y1 = Math.max(0, (int) top);
        int x2 = Math.min(width, (int) face.right());
        int y2 = Math.min(height, (int) (face.bottom() + pad));
        return new FaceBox(x1, y1, x2, y2);
    }

    int width() {
        return x2 - x1;
    }

    int height() {
        return y2 - y1;
    }

    boolean usable() {
        return width() >= MIN_SIDE && height() >= MIN_SIDE;
    }
}
