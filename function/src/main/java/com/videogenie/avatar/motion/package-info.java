/** Head motion, blinks, and their combination with the mouth into per-frame motion. Seeded, pure. */
package com.videogenie.avatar.motion;
