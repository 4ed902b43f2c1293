package com.videogenie.avatar.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24;

import com.videogenie.avatar.image.RgbImage;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Hands BGR frames to an FFmpeg recorder through one reused direct buffer (no per-frame allocation),
 * and releases recorders quietly. Shared by the file and the live encoder.
 */
final class BgrFrames {
    private final ByteBuffer pixels;

    BgrFrames(int width, int height) {
        this.pixels = ByteBuffer.allocateDirect(width * height * 3);
    }

    void record(FFmpegFrameRecorder recorder, RgbImage frame) throws FrameRecorder.Exception {
        pixels.clear();
        pixels.put(frame.bgr());
        pixels.flip();
        recorder.recordImage(frame.width(), frame.height(), Frame.DEPTH_UBYTE, 3, frame.width() * 3,
                AV_PIX_FMT_BGR24, pixels);
    }

    static void release(FFmpegFrameRecorder recorder) {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception ignored) {
            // Freeing native memory; the output is complete, or abandoned and deleted by its owner.
        }
    }
}
