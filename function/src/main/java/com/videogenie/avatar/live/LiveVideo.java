package com.videogenie.avatar.live;

import com.videogenie.avatar.image.RgbImage;
import com.videogenie.avatar.media.FragmentedMp4Encoder;
import com.videogenie.avatar.media.VideoEncoder;
import java.util.ArrayDeque;
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

        /** Every frame has been sent. */
        default void done(Done done) {
        }
    }

    public record Ready(int width, int height, int fps, long seed, int sampleRate, long lookAheadMs, String codec,
                        boolean idleVideo, String renderer) {
    }

    public record Done(int frames, double audioSeconds, double idleSeconds) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Events events;
    /** Null when the client wants video only while it sends audio. */
    private final IdleFill idle;
    /** Arrival time of the sound that completed each frame not yet encoded, oldest first. */
    private final ArrayDeque<Long> due = new ArrayDeque<>();
    private LiveSession session;
    private VideoEncoder encoder;
    private long chunkArrived = System.nanoTime();
    /** Drawn silence already reported in a timeline event. */
    private long filledReported;
    private boolean stopped;

    private LiveVideo(Events events, IdleFill idle) {
        this.events = events;
        this.idle = idle;
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
        LiveVideo video = new LiveVideo(events, idle);
        video.lock.lock();
        try {
            video.session = sessions.apply((motion, image) -> video.encodeFrame(image));
            try {
                events.ready(new Ready(options.width(), options.height(), options.fps(), video.session.seed(),
                        LiveOptions.SAMPLE_RATE, Math.round(options.lookAheadSeconds() * 1000),
                        FragmentedMp4Encoder.CODEC, idle != null, video.session.renderer()));
                video.encoder = FragmentedMp4Encoder.open(options.width(), options.height(), options.fps(),
                        video::segment);
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
            session.end();
            encoder.finish();
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

    private void encodeFrame(RgbImage image) {
        due.add(chunkArrived);
        encoder.encode(image);
    }

    private void segment(byte[] bytes, boolean init, long frames) {
        if (init) {
            events.init(bytes);
            return;
        }
        Long arrived = due.poll();
        double latency = arrived == null ? 0 : (System.nanoTime() - arrived) / 1e6;
        events.fragment(bytes, frames - 1, Math.round(latency * 10) / 10.0);
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
