/**
 * Face restoration after the renderer and the mouth: GFPGAN v1.4 on faces aligned to the FFHQ
 * template from the renderer's five face points, pasted back through facexlib's soft mask.
 */
package com.videogenie.avatar.render.restore;
