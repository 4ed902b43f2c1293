package com.videogenie.avatar.media;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * H.264 in fragmented MP4 for live playback (Media Source Extensions): an init segment, then one
 * {@code moof}+{@code mdat} fragment per frame. libx264 with zero-latency tuning and no B-frames, so
 * a frame leaves the encoder as it goes in; the muxer closes a frame's fragment when the next frame
 * arrives (it needs that frame's time for the duration), or at {@link #finish}. Keyframes every
 * second let a viewer join or recover quickly.
 */
public final class FragmentedMp4Encoder implements AutoCloseable {
    /**
     * Receives the init segment first ({@code frames} 0), then one fragment per frame in order,
     * {@code frames} counting the frames delivered with it.
     */
    @FunctionalInterface
    public interface SegmentSink {
        void segment(byte[] bytes, boolean init, long frames);
    }

    public static final String CODEC = "libx264";

    private final FFmpegFrameRecorder recorder;
    private final BgrFrames pixels;
    private long framesEncoded;
    private boolean finished;

    private FragmentedMp4Encoder(FFmpegFrameRecorder recorder, int width, int height) {
        this.recorder = recorder;
        this.pixels = new BgrFrames(width, height);
    }

    public static FragmentedMp4Encoder open(int width, int height, int fps, SegmentSink sink) {
        long[] delivered = new long[1];
        Mp4Fragments out = new Mp4Fragments((bytes, init) ->
                sink.segment(bytes, init, init ? 0 : ++delivered[0]));
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(CODEC);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(fps);
        recorder.setMaxBFrames(0);
        EncoderSettings.liveVideoOptions().forEach(recorder::setVideoOption);
        recorder.setOption("movflags", "empty_moov+default_base_moof+frag_every_frame");
        // Hand each fragment on when it is written, not when FFmpeg's I/O buffer fills.
        recorder.setOption("flush_packets", "1");
        try {
            recorder.start();
        } catch (FrameRecorder.Exception | RuntimeException e) {
            BgrFrames.release(recorder);
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "The live H.264 encoder could not start: "
                    + e.getMessage(), e);
        }
        return new FragmentedMp4Encoder(recorder, width, height);
    }

    public void encode(RgbImage frame) {
        try {
            pixels.record(recorder, frame);
            framesEncoded++;
        } catch (FrameRecorder.Exception e) {
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "Encoding live frame " + framesEncoded + " failed: "
                    + e.getMessage(), e);
        }
    }

    public long frames() {
        return framesEncoded;
    }

    /** Writes the last fragment. */
    public void finish() {
        if (finished) {
            return;
        }
        try {
            recorder.stop();
            finished = true;
        } catch (FrameRecorder.Exception e) {
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "Finishing the live stream failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        BgrFrames.release(recorder);
    }
}
