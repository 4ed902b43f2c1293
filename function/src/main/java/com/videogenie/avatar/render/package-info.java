/** Frame rendering: portrait framing, mesh animation, piecewise-affine warping, the mouth interior. */
package com.videogenie.avatar.render;
