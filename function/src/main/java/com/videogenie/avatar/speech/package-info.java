/** Speech analysis: audio in, per-frame mouth shapes out. Pure computation, no I/O. */
package com.videogenie.avatar.speech;
