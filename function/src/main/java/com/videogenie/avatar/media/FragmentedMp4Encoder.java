package com.videogenie.avatar.media;

import static org.bytedeco.ffmpeg.global.avformat.av_write_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import java.lang.reflect.Field;
import java.nio.FloatBuffer;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.FrameRecorder;

/**
 * H.264 in fragmented MP4 for live playback (Media Source Extensions): an init segment, then one
 * {@code moof}+{@code mdat} fragment per frame. libx264 with zero-latency tuning and no B-frames, so
 * a frame leaves the encoder as it goes in, and its fragment is cut right away ({@code frag_custom}):
 * it reaches the sink before {@link #encode} returns. Keyframes every second let a viewer join or
 * recover quickly. With sound, each fragment also carries the AAC packets ready by then (16 kHz mono;
 * AAC packets are 1024 samples, so they trail the picture by up to 64 ms within the stream, with
 * correct timestamps), and the last packets come in one more fragment when the stream ends.
 */
public final class FragmentedMp4Encoder implements VideoEncoder {
    /**
     * Receives the init segment first ({@code frames} 0), then one fragment per frame in order,
     * {@code frames} counting the frames delivered with it.
     */
    @FunctionalInterface
    public interface SegmentSink {
        void segment(byte[] bytes, boolean init, long frames);

        /**
         * A fragment written when the stream ends (the sound's last packets): it carries no frame.
         * By default it is handed on as a fragment with the frame count unchanged.
         */
        default void tail(byte[] bytes, long frames) {
            segment(bytes, false, frames);
        }
    }

    public static final String CODEC = "libx264";
    /** The MSE codec of the sound track: AAC-LC. */
    public static final String AUDIO_CODEC = "mp4a.40.2";

    private final FFmpegFrameRecorder recorder;
    /** The recorder's muxer, owned and freed by the recorder. */
    private final AVFormatContext muxer;
    private final BgrFrames pixels;
    private final int sampleRate;
    private final boolean[] ending;
    private long framesEncoded;
    private float[] scratch = new float[0];
    private boolean finished;

    private FragmentedMp4Encoder(FFmpegFrameRecorder recorder, AVFormatContext muxer, int width, int height,
                                 int sampleRate, boolean[] ending) {
        this.recorder = recorder;
        this.muxer = muxer;
        this.pixels = new BgrFrames(width, height);
        this.sampleRate = sampleRate;
        this.ending = ending;
    }

    /** Video only. */
    public static FragmentedMp4Encoder open(int width, int height, int fps, SegmentSink sink) {
        return open(width, height, fps, 0, sink);
    }

    /**
     * @param sampleRate the sound's rate (mono) for an AAC track beside the video; 0 for video only.
     *                   The fragment that carries the last sound when the stream ends counts no frame.
     */
    public static FragmentedMp4Encoder open(int width, int height, int fps, int sampleRate, SegmentSink sink) {
        long[] delivered = new long[1];
        boolean[] ending = new boolean[1];
        Mp4Fragments out = new Mp4Fragments((bytes, init) -> {
            if (init) {
                sink.segment(bytes, true, 0);
            } else if (ending[0]) {
                sink.tail(bytes, delivered[0]);
            } else {
                sink.segment(bytes, false, ++delivered[0]);
            }
        });
        FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(out, width, height, sampleRate > 0 ? 1 : 0);
        if (sampleRate > 0) {
            recorder.setAudioCodecName("aac");
            recorder.setSampleRate(sampleRate);
            recorder.setAudioChannels(1);
            recorder.setAudioBitrate(64_000);
            // FFmpeg's default AAC coder (two-loop search) costs a live session more than its video;
            // the fast coder is plenty for speech at 64 kbit/s.
            recorder.setAudioOption("aac_coder", "fast");
        }
        recorder.setFormat("mp4");
        recorder.setVideoCodecName(CODEC);
        recorder.setPixelFormat(AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(fps);
        recorder.setGopSize(fps);
        recorder.setMaxBFrames(0);
        EncoderSettings.liveVideoOptions().forEach(recorder::setVideoOption);
        // frag_every_frame would cut a fragment only when the next packet arrives (40 ms later at 25 fps);
        // with frag_custom, encode() cuts it with a NULL packet as soon as the frame's packet is in. The
        // sample's duration is then the packet's, not the gap to the next packet: JavaCV leaves it unset
        // and FFmpeg 7.1's libavformat fills in one frame (the tests check every fragment's).
        recorder.setOption("movflags", "empty_moov+default_base_moof+frag_custom");
        // Packets go straight to the muxer, as the flush does; each fragment holds what came before it.
        recorder.setInterleaved(false);
        // Hand each fragment on when it is written, not when FFmpeg's I/O buffer fills.
        recorder.setOption("flush_packets", "1");
        AVFormatContext muxer;
        try {
            recorder.start();
            muxer = muxerOf(recorder);
        } catch (FrameRecorder.Exception | RuntimeException e) {
            BgrFrames.release(recorder);
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "The live H.264 encoder could not start: "
                    + e.getMessage(), e);
        }
        return new FragmentedMp4Encoder(recorder, muxer, width, height, sampleRate, ending);
    }

    /**
     * JavaCV keeps its output context private ({@code start(AVFormatContext)} takes an input context,
     * for remuxing), and flushing the muxer needs it; read once at start.
     */
    private static AVFormatContext muxerOf(FFmpegFrameRecorder recorder) {
        try {
            Field field = FFmpegFrameRecorder.class.getDeclaredField("oc");
            field.setAccessible(true);
            AVFormatContext muxer = (AVFormatContext) field.get(recorder);
            if (muxer == null || muxer.isNull()) {
                throw new IllegalStateException("the recorder has no output context after start()");
            }
            return muxer;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("this JavaCV version hides its output context differently ("
                    + e + "); FragmentedMp4Encoder needs updating", e);
        }
    }

    @Override
    public String codec() {
        return CODEC;
    }

    /** Encodes one frame and hands its fragment to the sink before returning. */
    @Override
    public void encode(RgbImage frame) {
        encode(frame, null, 0, 0);
    }

    /**
     * Encodes the sound that plays up to the end of this frame ({@code sound[offset, offset + length)},
     * mono in [-1, 1], following on from the last call's), then the frame, and hands their fragment to
     * the sink before returning. Sound is ignored by a video-only stream.
     */
    public void encode(RgbImage frame, float[] sound, int offset, int length) {
        if (finished) {
            // The muxer is freed by then; never let the flush below reach it.
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "Live frame " + framesEncoded
                    + " came after the stream was finished.");
        }
        try {
            if (sampleRate > 0 && length > 0) {
                recordSound(sound, offset, length);
            }
            pixels.record(recorder, frame);
            // A NULL packet writes the fragment with the packets so far: this frame's.
            int flushed = av_write_frame(muxer, null);
            if (flushed < 0) {
                throw new FrameRecorder.Exception("av_write_frame(NULL) error " + flushed);
            }
            framesEncoded++;
        } catch (FrameRecorder.Exception e) {
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "Encoding live frame " + framesEncoded + " failed: "
                    + e.getMessage(), e);
        }
    }

    /** Sound after the last frame, encoded with the stream's end ({@link #finish}). */
    public void encodeSoundOnly(float[] sound, int offset, int length) {
        if (finished || sampleRate == 0) {
            return;
        }
        try {
            recordSound(sound, offset, length);
        } catch (FrameRecorder.Exception e) {
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "Encoding the live sound failed: " + e.getMessage(), e);
        }
    }

    private void recordSound(float[] sound, int offset, int length) throws FrameRecorder.Exception {
        float[] from = sound;
        if (offset != 0) {
            // The recorder reads a buffer's backing array from its start: hand it one that begins here.
            if (scratch.length < length) {
                scratch = new float[length];
            }
            System.arraycopy(sound, offset, scratch, 0, length);
            from = scratch;
        }
        recorder.recordSamples(sampleRate, 1, FloatBuffer.wrap(from, 0, length));
    }

    public long frames() {
        return framesEncoded;
    }

    /** Ends the stream; every frame's fragment has already gone to the sink. */
    @Override
    public void finish() {
        if (finished) {
            return;
        }
        // stop() frees the muxer even when it fails, so no frame may follow either way.
        finished = true;
        ending[0] = true;
        try {
            recorder.stop();
        } catch (FrameRecorder.Exception e) {
            throw new AvatarException(ErrorCode.ENCODER_FAILED, "Finishing the live stream failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        finished = true;
        BgrFrames.release(recorder);
    }
}
