/** Frame rendering shared by every renderer: the portrait framing and the {@code FrameRenderer} stage; the CPU warp is in {@code warp}. */
package com.videogenie.avatar.render;
