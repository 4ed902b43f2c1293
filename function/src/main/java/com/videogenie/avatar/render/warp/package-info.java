/**
 * The CPU renderer: the photo warped triangle by triangle over its animated face mesh, with the
 * mouth interior painted in the photo's tones. Works everywhere; the default renderer.
 */
package com.videogenie.avatar.render.warp;
