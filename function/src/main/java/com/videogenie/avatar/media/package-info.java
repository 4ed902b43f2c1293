/** File and codec edges of the pipeline: input paths, photo and audio decoding, video encoding, output files. */
package com.videogenie.avatar.media;
