package com.videogenie.avatar.live;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.motion.FrameMotion;
import com.videogenie.avatar.motion.MotionPlanner;
import com.videogenie.avatar.render.AudioHistory;
import com.videogenie.avatar.render.AudioWindow;
import com.videogenie.avatar.render.FrameBatch;
import com.videogenie.avatar.render.FrameRenderer;
import com.videogenie.avatar.speech.MouthAnimator;
import com.videogenie.avatar.speech.MouthPose;
import com.videogenie.avatar.speech.StreamingMouth;

/**
 * One photo, prepared once, animated by speech that arrives in chunks of any size (16 kHz mono
 * s16le). Each frame is drawn as soon as its sound and the look-ahead have arrived, on the thread
 * that passed the audio, and handed to the sink in a buffer that is reused for the next frame.
 * Silence keeps the head moving and the eyes blinking with the mouth at rest; {@link #end} draws the
 * last frames with the mouth closing. Frames go to the renderer one at a time, whatever batch it
 * would like, as waiting to fill a batch would add its length to the delay; a renderer that reads the
 * sound around a frame makes the session wait for as much of it as the look-ahead allows (at most
 * 0.5 s past the frame), the rest reads as silence. Not thread-safe: one producer per session.
 */
public final class LiveSession implements AutoCloseable {
    /** Receives each frame in order; {@code image} is only valid until this returns. */
    @FunctionalInterface
    public interface FrameSink {
        void frame(FrameMotion motion, RgbImage image);

        /**
         * The session's sound, the client's and the silence drawn for it, in order, each piece
         * before the frames it completes: for a stream that carries the sound beside the picture.
         */
        default void sound(float[] pcm, int offset, int length) {
        }
    }

    /** Longest piece of sound handed on at once, so the history never lags the mouth by more. */
    private static final int PIECE = LiveOptions.SAMPLE_RATE / 50;
    /** The mouth's own limit on waiting for sound ahead of a frame. */
    private static final double MAX_LOOK_AHEAD_SECONDS = 0.5;

    private final long seed;
    private final int fps;
    private final FrameRenderer renderer;
    private final MotionPlanner motion;
    private final StreamingMouth mouth;
    private final FrameBatch batch;
    /** The recent sound, for renderers that read it; null for those that do not. */
    private final AudioHistory history;
    private final FrameSink sink;
    private final long maxSamples;
    private final double maxSeconds;
    private float[] samples = new float[0];
    /** Zeros, handed to the mouth in pieces: silence costs no allocation however long it lasts. */
    private final float[] quiet = new float[PIECE];
    /** The first byte of a sample split across two chunks. */
    private int carry = -1;

    /**
     * A session drawing with {@code renderer} (closed with the session) and the mouth of
     * {@code mouths}; {@code RenderAvatar.openLive} prepares one from a photo.
     */
    public LiveSession(LiveOptions options, long seed, FrameRenderer renderer, MouthAnimator mouths, FrameSink sink) {
        this.seed = seed;
        this.fps = options.fps();
        this.renderer = renderer;
        this.sink = sink;
        this.motion = MotionPlanner.live(seed, options.fps());
        AudioWindow.Span span = renderer.audioSpan();
        this.batch = new FrameBatch(1, options.width(), options.height(), span);
        // Only the limits are kept: the options may hold an uploaded photo's bytes.
        this.maxSeconds = options.maxSeconds();
        this.maxSamples = (long) Math.ceil(maxSeconds * LiveOptions.SAMPLE_RATE);
        double lookAhead = options.lookAheadSeconds();
        if (span.isEmpty()) {
            this.history = null;
        } else {
            double wanted = span.after() / (double) AudioWindow.SAMPLE_RATE - 1.0 / fps;
            lookAhead = Math.min(MAX_LOOK_AHEAD_SECONDS, Math.max(lookAhead, wanted));
            this.history = new AudioHistory(span.length() + (int) Math.ceil((lookAhead + 1.0 / fps)
                    * AudioWindow.SAMPLE_RATE) + 2 * PIECE);
        }
        this.mouth = mouths.stream(LiveOptions.SAMPLE_RATE, fps, lookAhead, this::draw);
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
        feed(samples, 0, n);
    }

    /** Mono samples in [-1, 1] at 16 kHz, for callers that already decoded the audio. */
    public void accept(float[] pcm, int offset, int length) {
        checkLength(length);
        feed(pcm, offset, length);
    }

    /**
     * Silence in place of audio that has not come (see {@link IdleFill}): the mouth rests while the
     * head moves and the eyes blink, and the stream's clock advances as if it had been sent.
     */
    public void silence(int count) {
        checkLength(count);
        for (int left = count; left > 0; left -= quiet.length) {
            feed(quiet, 0, Math.min(left, quiet.length));
        }
    }

    /** Hands sound to the mouth, which draws the frames now due; the history first takes it in pieces. */
    private void feed(float[] pcm, int offset, int length) {
        sink.sound(pcm, offset, length);
        if (history == null) {
            mouth.accept(pcm, offset, length);
            return;
        }
        for (int done = 0; done < length; done += PIECE) {
            int piece = Math.min(PIECE, length - done);
            history.append(pcm, offset + done, piece);
            mouth.accept(pcm, offset + done, piece);
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

    /** The name of the backend drawing the frames. */
    public String renderer() {
        return renderer.name();
    }

    private void checkLength(int more) {
        if (audioSamples() + more > maxSamples) {
            throw new AvatarException(ErrorCode.AUDIO_TOO_LONG, "The live session is limited to "
                    + maxSeconds + " s of audio; start a new one to go on.");
        }
    }

    private void draw(int frame, MouthPose pose, float loudness) {
        FrameMotion next = motion.motion(frame, pose, loudness);
        batch.clear();
        batch.add(next);
        if (history != null) {
            batch.audio(0).fill(history, frame, fps);
        }
        renderer.render(batch);
        sink.frame(next, batch.image(0));
    }

    /** Frees the renderer's job resources. */
    @Override
    public void close() {
        renderer.close();
    }
}
