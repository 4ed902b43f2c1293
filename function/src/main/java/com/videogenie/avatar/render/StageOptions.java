package com.videogenie.avatar.render;

import com.videogenie.avatar.RenderRequest;

/**
 * What a job tells its frame stages beyond the portrait: the frame rate (a lip-sync network's mel
 * windows are timed by it), the seed (Diff2Lip's noise), Diff2Lip's number of denoising steps, and
 * the whole speech at 16 kHz for a stage that listens to all of it at once (MuseTalk's whisper
 * encoder hears 30 s segments); null in a live session, where the speech is still arriving.
 */
public record StageOptions(int fps, long seed, int diffusionSteps, float[] speech) {
    public StageOptions {
        if (fps < 1) {
            throw new IllegalArgumentException("fps must be positive: " + fps);
        }
        if (diffusionSteps < 1 || diffusionSteps > RenderRequest.MAX_DIFFUSION_STEPS) {
            throw new IllegalArgumentException("diffusionSteps must be 1-" + RenderRequest.MAX_DIFFUSION_STEPS
                    + ": " + diffusionSteps);
        }
    }

    /** A live session's or a test's options: no request names the steps. */
    public static StageOptions of(int fps, long seed) {
        return new StageOptions(fps, seed, RenderRequest.DEFAULT_DIFFUSION_STEPS, null);
    }
}
