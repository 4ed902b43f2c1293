/**
 * Lip-sync networks as stages after the renderer: Wav2Lip and Diff2Lip redraw the lower face from the
 * speech's mel spectrogram, computed here as the references compute it, over the frames either
 * renderer drew, and paste it back through a feathered mask.
 */
package com.videogenie.avatar.render.lipsync;
