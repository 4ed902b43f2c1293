/**
 * Live avatars: one photo prepared once, then speech that arrives in chunks turned into frames as
 * soon as each frame's sound (and a short look-ahead) is in, and encoded as fragmented MP4.
 */
package com.videogenie.avatar.live;
