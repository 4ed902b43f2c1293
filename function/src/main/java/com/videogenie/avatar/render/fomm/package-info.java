/**
 * The First Order Motion Model as a render backend ({@code renderer=fomm}): the CPU renderer draws
 * each frame's motion, FOMM's keypoint detector reads it as the driving frame, and its generator
 * redraws the face from the photo with that motion, pasted back with a feathered mask.
 */
package com.videogenie.avatar.render.fomm;
