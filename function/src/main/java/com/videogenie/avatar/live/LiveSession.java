package com.videogenie.avatar.live;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.motion.FrameMotion;
import com.videogenie.avatar.motion.MotionPlanner;
import com.videogenie.avatar.render.FrameRenderer;
import com.videogenie.avatar.speech.LiveMouth;
import com.videogenie.avatar.speech.MouthPose;

/**
 * One photo, prepared once, animated by speech that arrives in chunks of any size (16 kHz mono
 * s16le). Each frame is drawn as soon as its sound and the look-ahead have arrived, on the thread
 * that passed the audio, and handed to the sink in a buffer that is reused for the next frame.
 * Silence keeps the head moving and the eyes blinking with the mouth at rest; {@link #end} draws the
 * last frames with the mouth closing. Not thread-safe: one producer per session.
 */
public final class LiveSession {
    /** Receives each frame in order; {@code image} is only valid until this returns. */
    @FunctionalInterface
    public interface FrameSink {
        void frame(FrameMotion motion, RgbImage image);
    }

    private final long seed;
    private final FrameRenderer renderer;
    private final MotionPlanner motion;
    private final LiveMouth mouth;
    private final RgbImage canvas;
    private final FrameSink sink;
    private final long maxSamples;
    private final double maxSeconds;
    private float[] samples = new float[0];
    /** Zeros, handed to the mouth in pieces: silence costs no allocation however long it lasts. */
    private final float[] quiet = new float[LiveOptions.SAMPLE_RATE / 50];
    /** The first byte of a sample split across two chunks. */
    private int carry = -1;

    /** A session drawing with {@code renderer}; {@code RenderAvatar.openLive} prepares one from a photo. */
    public LiveSession(LiveOptions options, long seed, FrameRenderer renderer, FrameSink sink) {
        this.seed = seed;
        this.renderer = renderer;
        this.sink = sink;
        this.motion = MotionPlanner.live(seed, options.fps(), options.maxSeconds());
        this.canvas = new RgbImage(options.width(), options.height());
        // Only the limits are kept: the options may hold an uploaded photo's bytes.
        this.maxSeconds = options.maxSeconds();
        this.maxSamples = (long) Math.ceil(maxSeconds * LiveOptions.SAMPLE_RATE);
        this.mouth = new LiveMouth(LiveOptions.SAMPLE_RATE, options.fps(), options.lookAheadSeconds(), this::draw);
    }

    /** Takes PCM bytes (16 kHz mono, signed 16-bit little-endian); draws every frame now due. */
    public void accept(byte[] pcm, int offset, int length) {
        int first = offset;
        int bytes = length;
        int count = (bytes + (carry >= 0 ? 1 : 0)) / 2;
        checkLength(count);
        if (samples.length < count) {
            samples = new float[Math.max(count, 2 * samples.length)];
        }
        int n = 0;
        if (carry >= 0 && bytes > 0) {
            samples[n++] = (short) ((pcm[first] << 8) | carry) / 32768f;
            first++;
            bytes--;
            carry = -1;
        }
        for (int i = 0; i + 1 < bytes; i += 2) {
            samples[n++] = (short) ((pcm[first + i + 1] << 8) | (pcm[first + i] & 0xff)) / 32768f;
        }
        if (bytes % 2 != 0) {
            carry = pcm[first + bytes - 1] & 0xff;
        }
        mouth.accept(samples, 0, n);
    }

    /** Mono samples in [-1, 1] at 16 kHz, for callers that already decoded the audio. */
    public void accept(float[] pcm, int offset, int length) {
        checkLength(length);
        mouth.accept(pcm, offset, length);
    }

    /**
     * Silence in place of audio that has not come (see {@link IdleFill}): the mouth rests while the
     * head moves and the eyes blink, and the stream's clock advances as if it had been sent.
     */
    public void silence(int count) {
        checkLength(count);
        for (int left = count; left > 0; left -= quiet.length) {
            mouth.accept(quiet, 0, Math.min(left, quiet.length));
        }
    }

    /** No more audio: draws the remaining frames, so the stream is as long as its sound. */
    public void end() {
        mouth.end();
    }

    public int frames() {
        return mouth.frames();
    }

    public double audioSeconds() {
        return mouth.seconds();
    }

    /** Samples received so far, silence included. */
    public long audioSamples() {
        return mouth.samples();
    }

    public long seed() {
        return seed;
    }

    private void checkLength(int more) {
        if (audioSamples() + more > maxSamples) {
            throw new AvatarException(ErrorCode.AUDIO_TOO_LONG, "The live session is limited to "
                    + maxSeconds + " s of audio; start a new one to go on.");
        }
    }

    private void draw(int frame, MouthPose pose, float loudness) {
        FrameMotion next = motion.motion(frame, pose, loudness);
        renderer.render(next, canvas);
        sink.frame(next, canvas);
    }
}
