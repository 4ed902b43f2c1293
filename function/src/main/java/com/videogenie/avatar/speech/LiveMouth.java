package com.videogenie.avatar.speech;

/**
 * Mouth motion for speech that is still arriving: the same measurements and mapping as
 * {@link FormantMouthAnimator}, frame by frame. Frame i (audio {@code [i/fps, (i+1)/fps)}) is
 * handed out as soon as its audio and {@code lookAheadSeconds} more have arrived; its pose comes
 * from a window of hops around it, so smoothing, anticipation and closures see the sound just ahead
 * as they do in a file, up to the look-ahead. The levels are learnt as the stream goes (running
 * percentiles), where a file learns them from the whole clip. Results do not depend on how the
 * audio is cut into chunks. Memory stays the same however long the stream runs. One thread.
 */
public final class LiveMouth implements StreamingMouth {
    /** Hops kept before a frame's reading point: the release and closure context settle within it. */
    private static final int HISTORY_HOPS = 40;
    private static final int RING_HOPS = 128;
    /**
     * Seconds of stream after which its own percentiles set the levels alone; a file learns them
     * from the whole clip, so the first seconds of a live stream may open the mouth a little less
     * or more than the same file would.
     */
    private static final double SETTLE_SECONDS = 5;
    private static final int BUFFER_SAMPLES = 8192;

    private final SpeechAnalyzer analyzer;
    private final SpeechAnalyzer.Meter meter;
    private final int sampleRate;
    private final int fps;
    private final double lookAheadSeconds;
    private final Listener listener;
    private final FrameSampler mouthSampler;
    private final FrameSampler loudnessSampler;
    private final SpeechFeatures ring;
    private final LevelStatistics statistics;
    private final float[] buffer = new float[BUFFER_SAMPLES];
    /** Stream index of {@code buffer[0]}, and how many buffered samples are valid. */
    private long bufferOffset;
    private int buffered;
    private long received;
    private long measuredHops;
    private int emittedFrames;
    private boolean ended;

    public LiveMouth(int sampleRate, int fps, double lookAheadSeconds, Listener listener) {
        if (fps <= 0) {
            throw new IllegalArgumentException("frame rate must be positive: " + fps);
        }
        if (!(lookAheadSeconds >= 0 && lookAheadSeconds <= 0.5)) {
            throw new IllegalArgumentException("look-ahead must be 0-0.5 s: " + lookAheadSeconds);
        }
        this.analyzer = new SpeechAnalyzer(sampleRate);
        this.meter = analyzer.new Meter();
        this.sampleRate = sampleRate;
        this.fps = fps;
        this.lookAheadSeconds = lookAheadSeconds;
        this.listener = listener;
        this.mouthSampler = new FrameSampler(analyzer.hopSeconds(), fps, FormantMouthAnimator.LEAD_FRAMES);
        this.loudnessSampler = new FrameSampler(analyzer.hopSeconds(), fps, 0.5);
        this.ring = new SpeechFeatures(analyzer.hopSeconds(), RING_HOPS);
        this.statistics = new LevelStatistics(Math.round(SETTLE_SECONDS / analyzer.hopSeconds()));
    }

    /** Appends mono samples in [-1, 1]; hands out every frame that became ready. */
    @Override
    public void accept(float[] samples, int from, int length) {
        if (ended) {
            throw new IllegalStateException("the stream has ended");
        }
        int done = 0;
        while (done < length) {
            // Cut at each point where a hop or a frame becomes ready, so chunking never changes results.
            long next = Math.min(nextHopReadyAt(), frameReadyAt(emittedFrames));
            int piece = (int) Math.max(1, Math.min(length - done, next - received));
            append(samples, from + done, piece);
            done += piece;
            advance();
        }
    }

    /** Ends the stream: the last frames are handed out, reading silence past the end. */
    @Override
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        advance();
    }

    /** Frames handed out so far. */
    @Override
    public int frames() {
        return emittedFrames;
    }

    /** Seconds of audio received. */
    @Override
    public double seconds() {
        return received / (double) sampleRate;
    }

    /** Samples of audio received. */
    @Override
    public long samples() {
        return received;
    }

    private void append(float[] samples, int from, int length) {
        long keepFrom = Math.max(0, measuredHops * analyzer.hopSamples() - analyzer.reachSamples());
        int drop = (int) Math.min(buffered, Math.max(0, keepFrom - bufferOffset));
        if (buffered + length - drop > buffer.length) {
            throw new IllegalStateException("analysis buffer overflow");
        }
        System.arraycopy(buffer, drop, buffer, 0, buffered - drop);
        buffered -= drop;
        bufferOffset += drop;
        System.arraycopy(samples, from, buffer, buffered, length);
        buffered += length;
        received += length;
    }

    private void advance() {
        long lastHop = ended ? analyzer.hopCount(received) : Long.MAX_VALUE;
        Signal signal = new Signal(buffer, bufferOffset, ended ? received : Long.MAX_VALUE);
        while (measuredHops < lastHop && (ended || measuredHops * analyzer.hopSamples()
                + analyzer.reachSamples() < received)) {
            int slot = (int) (measuredHops % RING_HOPS);
            meter.measure(signal, measuredHops, ring, slot);
            statistics.add(ring.levelDb[slot], ring.predictionGainDb[slot]);
            measuredHops++;
        }
        int lastFrame = ended ? AudioClip.frameCount(received, sampleRate, fps) : Integer.MAX_VALUE;
        while (emittedFrames < lastFrame && (ended || frameReadyAt(emittedFrames) <= received)) {
            emit(emittedFrames++);
        }
    }

    private long nextHopReadyAt() {
        return measuredHops * analyzer.hopSamples() + analyzer.reachSamples() + 1;
    }

    private long frameReadyAt(int frame) {
        return (long) Math.ceil(((frame + 1) / (double) fps + lookAheadSeconds) * sampleRate);
    }

    private void emit(int frame) {
        double position = mouthSampler.position(frame);
        long first = Math.max(0, (long) Math.floor(loudnessSampler.position(frame)) - HISTORY_HOPS);
        first = Math.max(first, measuredHops - RING_HOPS);
        int count = (int) Math.max(0, measuredHops - first);
        SpeechFeatures window = new SpeechFeatures(analyzer.hopSeconds(), count);
        for (int j = 0; j < count; j++) {
            int slot = (int) ((first + j) % RING_HOPS);
            window.levelDb[j] = ring.levelDb[slot];
            window.meanFrequencyHz[j] = ring.meanFrequencyHz[slot];
            window.highBandShare[j] = ring.highBandShare[slot];
            window.predictionGainDb[j] = ring.predictionGainDb[slot];
            window.f1Hz[j] = ring.f1Hz[slot];
            window.f2Hz[j] = ring.f2Hz[slot];
        }
        MouthCurves curves = MouthCurves.of(window, statistics.levels());
        double at = position - first;
        MouthPose pose = new MouthPose(FrameSampler.valueAt(curves.open, at), FrameSampler.valueAt(curves.spread, at),
                FrameSampler.valueAt(curves.round, at), FrameSampler.valueAt(curves.closure, at));
        float loudness = FrameSampler.valueAt(curves.loudness, loudnessSampler.position(frame) - first);
        listener.frame(frame, pose, Math.max(0f, Math.min(1f, loudness)));
    }
}
