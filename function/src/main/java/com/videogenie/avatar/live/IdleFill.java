package com.videogenie.avatar.live;

/**
 * How much silence a live stream owes its viewer when the speaker's audio stops arriving. Live
 * video is clocked by its audio, so a client that stops sending would freeze the picture on the
 * last frame drawn, often mid-word. Once the wall clock has passed the end of the audio received
 * and nothing has come for {@code gapSeconds}, the stream is owed silence up to the wall clock: the
 * mouth closes and the head keeps moving. Audio that comes later follows that silence, so it plays
 * when it arrives instead of piling up delay. Pure arithmetic on the times it is given; one thread.
 */
public final class IdleFill {
    private final double gapSeconds;
    private final int sampleRate;
    private long startNanos;
    private long lastAudioNanos;
    private boolean filling;
    private long filledSamples;

    /**
     * @param gapSeconds how long audio may pause before silence is drawn; longer rides out network
     *                   jitter, shorter closes the mouth sooner
     */
    public IdleFill(double gapSeconds, int sampleRate) {
        if (!(gapSeconds > 0)) {
            throw new IllegalArgumentException("the gap must be positive: " + gapSeconds);
        }
        this.gapSeconds = gapSeconds;
        this.sampleRate = sampleRate;
    }

    /** The stream's time zero: the viewer's clock starts when the session is ready. */
    public void start(long nanos) {
        startNanos = nanos;
        lastAudioNanos = nanos;
    }

    /** Audio arrived: any silence now owed waits for the next gap. */
    public void audio(long nanos) {
        lastAudioNanos = nanos;
        filling = false;
    }

    /**
     * Samples of silence to draw now so the stream reaches the wall clock, given
     * {@code receivedSamples} of audio (speech and silence) so far; 0 while audio keeps coming or the
     * stream is ahead of the clock. Counts the answer as drawn.
     */
    public int owed(long nanos, long receivedSamples) {
        long due = (long) ((nanos - startNanos) / 1e9 * sampleRate);
        if (due <= receivedSamples) {
            return 0;
        }
        if (!filling && (nanos - lastAudioNanos) / 1e9 < gapSeconds) {
            return 0;
        }
        filling = true;
        int samples = (int) Math.min(Integer.MAX_VALUE, due - receivedSamples);
        filledSamples += samples;
        return samples;
    }

    /** Seconds of silence drawn so far. */
    public double filledSeconds() {
        return (double) filledSamples / sampleRate;
    }

    /** Samples of silence drawn so far. */
    public long filledSamples() {
        return filledSamples;
    }
}
