package com.videogenie.avatar.live;

import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.media.FragmentedMp4Encoder;
import com.videogenie.avatar.motion.FrameMotion;
import com.videogenie.avatar.render.AudioWindow;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A live session encoded as it is drawn: speech in, fragmented MP4 and status events out. It owns
 * the session, the encoder, the idle fill, the stream's timeline and each fragment's latency, so an
 * adapter only carries the events to its client and the client's audio here. Calls may come from
 * several threads (audio, end, a pacing timer), one at a time; events are delivered on the calling
 * thread, and a listener that blocks (a full send queue) holds the producer back.
 */
public final class LiveVideo implements AutoCloseable {
    /**
     * What the stream tells its client, in order: ready, init, then fragments and timelines, then
     * done. Each does nothing unless overridden, for listeners that need only some.
     */
    public interface Events {
        /** The session is prepared; the init segment follows. */
        default void ready(Ready ready) {
        }

        /** The fragmented MP4's initialisation segment. */
        default void init(byte[] segment) {
        }

        /**
         * One frame's fragment.
         *
         * @param latencyMs from the arrival of the sound that completed the frame to its fragment
         */
        default void fragment(byte[] segment, long frame, double latencyMs) {
        }

        /**
         * After drawn silence, where the client's audio goes on in the stream: its sound from
         * {@code audioMs} plays at stream time {@code streamMs}, so a client that plays the sound
         * itself can keep it in step with the video.
         */
        default void timeline(double streamMs, double audioMs) {
        }

        /**
         * With sound, only when no frame was left to draw at the end (a zero look-ahead): the last
         * sound packets, in one more fragment after the last frame's, counting no frame. Otherwise
         * they come inside the last frame's fragment. Append it like the others.
         */
        default void tail(byte[] segment) {
        }

        /** Every frame has been sent. */
        default void done(Done done) {
        }
    }

    /**
     * @param audio whether the stream carries the session's sound (AAC) beside the picture; its
     *              codecs then include {@link FragmentedMp4Encoder#AUDIO_CODEC}
     */
    public record Ready(int width, int height, int fps, long seed, int sampleRate, long lookAheadMs, String codec,
                        boolean idleVideo, String renderer, boolean audio) {
    }

    public record Done(int frames, double audioSeconds, double idleSeconds) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Events events;
    /** Null when the client wants video only while it sends audio. */
    private final IdleFill idle;
    /** Arrival time of the sound that completed each frame not yet encoded, oldest first. */
    private final ArrayDeque<Long> due = new ArrayDeque<>();
    private final boolean withSound;
    private final int fps;
    /** The session's sound not yet encoded, from sample {@code soundTaken} of the stream. */
    private float[] sound = new float[LiveOptions.SAMPLE_RATE];
    private int soundHeld;
    private long soundTaken;
    private LiveSession session;
    private FragmentedMp4Encoder encoder;
    private long chunkArrived = System.nanoTime();
    /** While the stream ends: the latest frame's fragment, held to carry the sound's last packets. */
    private boolean ending;
    private byte[] heldFragment;
    private long heldFrame;
    private double heldLatency;
    /** Drawn silence already reported in a timeline event. */
    private long filledReported;
    private boolean stopped;

    private LiveVideo(Events events, IdleFill idle, boolean withSound, int fps) {
        this.events = events;
        this.idle = idle;
        this.withSound = withSound;
        this.fps = fps;
    }

    /**
     * Prepares the session (the photo's face found once), reports it ready, opens the encoder (the
     * init segment) and starts the stream's clock.
     *
     * @param sessions opens the session that draws into the given sink ({@code RenderAvatar::openLive})
     * @param idle     silence drawn when the client's audio pauses; null for video only while audio comes
     */
    public static LiveVideo start(Function<LiveSession.FrameSink, LiveSession> sessions, LiveOptions options,
                                  IdleFill idle, Events events) {
        return start(sessions, options, idle, false, events);
    }

    /**
     * As {@link #start(Function, LiveOptions, IdleFill, Events)}; with {@code withSound} the stream
     * also carries the session's sound (the client's and the drawn silence) as AAC, in step with the
     * picture, so a player needs nothing but the stream.
     */
    public static LiveVideo start(Function<LiveSession.FrameSink, LiveSession> sessions, LiveOptions options,
                                  IdleFill idle, boolean withSound, Events events) {
        LiveVideo video = new LiveVideo(events, idle, withSound, options.fps());
        video.lock.lock();
        try {
            video.session = sessions.apply(new LiveSession.FrameSink() {
                @Override
                public void frame(FrameMotion motion, RgbImage image) {
                    video.encodeFrame(motion.frame(), image);
                }

                @Override
                public void sound(float[] pcm, int offset, int length) {
                    video.hold(pcm, offset, length);
                }
            });
            try {
                events.ready(new Ready(options.width(), options.height(), options.fps(), video.session.seed(),
                        LiveOptions.SAMPLE_RATE, Math.round(options.lookAheadSeconds() * 1000),
                        FragmentedMp4Encoder.CODEC, idle != null, video.session.renderer(), withSound));
                video.encoder = FragmentedMp4Encoder.open(options.width(), options.height(), options.fps(),
                        withSound ? LiveOptions.SAMPLE_RATE : 0, new FragmentedMp4Encoder.SegmentSink() {
                            @Override
                            public void segment(byte[] bytes, boolean init, long frames) {
                                video.segment(bytes, init, frames);
                            }

                            @Override
                            public void tail(byte[] bytes, long frames) {
                                video.tail(bytes);
                            }
                        });
            } catch (RuntimeException e) {
                video.session.close();
                throw e;
            }
            if (idle != null) {
                idle.start(System.nanoTime());
            }
            return video;
        } finally {
            video.lock.unlock();
        }
    }

    public long seed() {
        return session.seed();
    }

    /** Takes the client's PCM (16 kHz mono s16le) and streams every frame now due. */
    public void audio(byte[] pcm, int offset, int length) {
        lock.lock();
        try {
            if (heard()) {
                session.accept(pcm, offset, length);
            }
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #audio(byte[], int, int)}, for sound already decoded to mono floats. */
    public void audio(float[] samples, int offset, int length) {
        lock.lock();
        try {
            if (heard()) {
                session.accept(samples, offset, length);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean heard() {
        if (stopped) {
            return false;
        }
        chunkArrived = System.nanoTime();
        if (idle != null) {
            idle.audio(chunkArrived);
            reportTimeline();
        }
        return true;
    }

    /**
     * For a timer: draws the silence owed when the client's audio stopped and the video caught up
     * with the wall clock. Never waits: a stream held back by a slow client is skipped, so a shared
     * timer thread keeps serving the other streams.
     */
    public void keepPace() {
        if (!lock.tryLock()) {
            return;
        }
        try {
            if (stopped || idle == null) {
                return;
            }
            long now = System.nanoTime();
            int owed = idle.owed(now, session.audioSamples());
            if (owed > 0) {
                chunkArrived = now;
                session.silence(owed);
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more audio: the last frames, the end of the MP4 stream, and {@link Events#done}. */
    public void end() {
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            chunkArrived = System.nanoTime();
            ending = withSound;
            session.end();
            if (withSound && soundHeld > 0) {
                // Sound past the last frame's end (less than a frame): it goes with the tail.
                encoder.encodeSoundOnly(sound, 0, soundHeld);
                soundHeld = 0;
            }
            encoder.finish();
            releaseHeld();
            stopped = true;
            events.done(new Done(session.frames(), session.audioSeconds(), idle == null ? 0 : idle.filledSeconds()));
        } finally {
            lock.unlock();
        }
    }

    /** Stops the stream and frees the encoder and the renderer; safe to call more than once. */
    @Override
    public void close() {
        lock.lock();
        try {
            stopped = true;
            if (encoder != null) {
                encoder.close();
                encoder = null;
                session.close();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keeps the session's sound until the frames it plays under are encoded. */
    private void hold(float[] pcm, int offset, int length) {
        if (!withSound) {
            return;
        }
        if (soundHeld + length > sound.length) {
            sound = Arrays.copyOf(sound, Math.max(2 * sound.length, soundHeld + length));
        }
        System.arraycopy(pcm, offset, sound, soundHeld, length);
        soundHeld += length;
    }

    /** Encodes frame {@code frame} with the held sound that plays until its end. */
    private void encodeFrame(int frame, RgbImage image) {
        due.add(chunkArrived);
        if (!withSound) {
            encoder.encode(image);
            return;
        }
        long end = AudioWindow.frameStart(frame + 1, fps);
        int count = (int) Math.max(0, Math.min(soundHeld, end - soundTaken));
        encoder.encode(image, sound, 0, count);
        System.arraycopy(sound, count, sound, 0, soundHeld - count);
        soundHeld -= count;
        soundTaken += count;
    }

    private void segment(byte[] bytes, boolean init, long frames) {
        if (init) {
            events.init(bytes);
            return;
        }
        Long arrived = due.poll();
        double latency = Math.round((arrived == null ? 0 : (System.nanoTime() - arrived) / 1e6) * 10) / 10.0;
        if (ending) {
            releaseHeld();
            heldFragment = bytes;
            heldFrame = frames - 1;
            heldLatency = latency;
            return;
        }
        events.fragment(bytes, frames - 1, latency);
    }

    /**
     * The sound's last packets when the stream ends: no frame of their own. They join the last
     * frame's fragment when it is still held, so every message is one frame's.
     */
    private void tail(byte[] bytes) {
        if (heldFragment != null) {
            byte[] joined = Arrays.copyOf(heldFragment, heldFragment.length + bytes.length);
            System.arraycopy(bytes, 0, joined, heldFragment.length, bytes.length);
            heldFragment = joined;
        } else {
            events.tail(bytes);
        }
    }

    private void releaseHeld() {
        if (heldFragment != null) {
            byte[] bytes = heldFragment;
            heldFragment = null;
            events.fragment(bytes, heldFrame, heldLatency);
        }
    }

    private void reportTimeline() {
        long filled = idle.filledSamples();
        if (filled == filledReported) {
            return;
        }
        filledReported = filled;
        long stream = session.audioSamples();
        double msPerSample = 1000.0 / LiveOptions.SAMPLE_RATE;
        events.timeline(stream * msPerSample, (stream - filled) * msPerSample);
    }
}
