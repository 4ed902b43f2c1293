package com.videogenie.avatar.render.warp;

import com.videogenie.avatar.face.FaceLandmarks;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.motion.FrameMotion;
import com.videogenie.avatar.render.FrameBatch;
import com.videogenie.avatar.render.FrameRenderer;
import com.videogenie.avatar.render.Portrait;

/**
 * The CPU renderer: animates the face mesh and warps the photo triangle by triangle, then paints
 * the mouth interior. Triangulation, weights and colours are computed once here; a frame only
 * moves points, copies the still background (where the picture's sway puts it) and resamples the
 * triangles that moved.
 */
public final class WarpFrameRenderer implements FrameRenderer {
    public static final String NAME = "cpu-warp";

    private final Portrait portrait;
    private final ControlMesh mesh;
    private final MeshAnimator animator;
    private final int[] triangles;
    private final MouthInteriorPainter mouth;
    private final float[] movedX;
    private final float[] movedY;

    public WarpFrameRenderer(Portrait portrait) {
        this.portrait = portrait;
        RgbImage canvas = portrait.canvas();
        FaceLandmarks face = LipLine.fit(canvas, portrait.landmarks());
        this.mesh = ControlMesh.around(face, canvas.width(), canvas.height());
        this.animator = new MeshAnimator(mesh, face);
        this.triangles = Triangulation.delaunay(mesh.x, mesh.y, mesh.count);
        this.mouth = new MouthInteriorPainter(canvas, mesh.x, mesh.y, (float) (0.6 / portrait.sourceScale()));
        this.movedX = new float[mesh.count];
        this.movedY = new float[mesh.count];
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void render(FrameBatch batch) {
        for (int slot = 0; slot < batch.size(); slot++) {
            render(batch.motion(slot), batch.image(slot));
            batch.face(slot).setFromMesh(movedX, movedY, portrait.margin());
        }
    }

    /** Draws one frame: the batch holds no state between frames, so one at a time is the same. */
    public void render(FrameMotion motion, RgbImage target) {
        int margin = portrait.margin();
        // The picture's sway moves everything, background included; the canvas margin pays for it.
        int reach = margin - 2;
        int shiftX = soften(motion.framing().shiftX() * animator.faceHeight(), reach);
        int shiftY = soften(motion.framing().shiftY() * animator.faceHeight(), reach);
        ShiftedCopy.copy(portrait.canvas(), margin - shiftX, margin - shiftY, target);
        animator.animate(motion, movedX, movedY);
        for (int i = 0; i < movedX.length; i++) {
            movedX[i] += shiftX;
            movedY[i] += shiftY;
        }
        TriangleWarper.warp(portrait.canvas(), mesh.x, mesh.y, movedX, movedY, triangles, target, margin,
                shiftX, shiftY);
        mouth.paint(target, movedX, movedY, margin);
    }

    /** Whole pixels, kept within reach without a hard stop: a large face in a tight frame sways less. */
    private static int soften(double pixels, double reach) {
        return (int) Math.round(reach * Math.tanh(pixels / reach));
    }
}
