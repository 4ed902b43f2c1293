/** Pixel buffers shared by every stage; no I/O here. */
package com.videogenie.avatar.image;
