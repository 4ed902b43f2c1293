package com.videogenie.avatar.render.fomm;

import com.videogenie.avatar.face.FaceLandmarks;

/**
 * The square around the head that FOMM sees, in frame pixels: vox-256 was trained on loose crops
 * with the whole head and some shoulder, so the square is 1.8 times the face mesh's larger side,
 * centred a little above the mesh (which stops at the hairline), and kept inside the frame.
 */
record FaceCrop(int left, int top, int side) {
    static final double SCALE = 1.8;
    static final double RAISE = 0.1;

    FaceCrop {
        if (side < 16) {
            throw new IllegalArgumentException("a face crop is at least 16 pixels, got " + side);
        }
    }

    /** The crop for a mesh given in canvas coordinates {@code offset} pixels outside a width x height frame. */
    static FaceCrop around(FaceLandmarks mesh, int offset, int width, int height) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < FaceLandmarks.COUNT; i++) {
            minX = Math.min(minX, mesh.x(i));
            maxX = Math.max(maxX, mesh.x(i));
            minY = Math.min(minY, mesh.y(i));
            maxY = Math.max(maxY, mesh.y(i));
        }
        double faceHeight = maxY - minY;
        int side = (int) Math.min(Math.round(SCALE * Math.max(maxX - minX, faceHeight)), Math.min(width, height));
        double centreX = (minX + maxX) / 2 - offset;
        double centreY = (minY + maxY) / 2 - RAISE * faceHeight - offset;
        int left = (int) Math.round(centreX - side / 2.0);
        int top = (int) Math.round(centreY - side / 2.0);
        left = Math.max(0, Math.min(width - side, left));
        top = Math.max(0, Math.min(height - side, top));
        return new FaceCrop(left, top, side);
    }
}
