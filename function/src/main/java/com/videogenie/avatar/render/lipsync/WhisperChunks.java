package com.videogenie.avatar.render.lipsync;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.inference.Predictor;
import com.videogenie.avatar.neural.TorchScriptModel;
import com.videogenie.avatar.render.AudioWindow;

/**
 * MuseTalk's audio (musetalk/utils/audio_processor.py): whisper-tiny's encoder on each 30 s segment of
 * the whole speech, all 5 hidden states (the embedding and the 4 layers, 384 wide, 50 a second); for
 * frame i the 10 feature frames from {@code floor(i * 50 / fps) - 2 * floor(50 / fps)} on (silence
 * outside the speech), laid out time by time, layer by layer, as {@code [50][384]}, with the
 * transformer's sinusoidal position encoding added. The reference also cuts the features at the last
 * whole second of speech; here they run to the end of the speech, so its last part still moves the mouth.
 * Segments are encoded when a frame first needs them and kept for the job.
 */
final class WhisperChunks implements LipSyncAudio {
    static final int WIDTH = 384;
    static final int LAYERS = 5;
    static final int STEPS = 10;
    static final int TOKENS = LAYERS * STEPS;
    private static final int PER_SEGMENT = 1500;
    private static final int FEATURE_RATE = 50;

    private final TorchScriptModel encoder;
    private final float[] speech;
    private final int fps;
    private final int available;
    private final float[][] segments;
    private final float[] position = positionEncoding();
    private final WhisperMel mel = new WhisperMel();

    WhisperChunks(TorchScriptModel encoder, float[] speech, int fps) {
        this.encoder = encoder;
        this.speech = speech;
        this.fps = fps;
        this.available = (int) Math.ceil(speech.length / (double) (AudioWindow.SAMPLE_RATE / FEATURE_RATE));
        this.segments = new float[(speech.length + WhisperMel.SEGMENT - 1) / WhisperMel.SEGMENT][];
    }

    @Override
    public int size() {
        return TOKENS * WIDTH;
    }

    @Override
    public AudioWindow.Span span() {
        return AudioWindow.Span.NONE;
    }

    /** The first feature frame (in the speech's 50 Hz features) frame {@code frame} hears. */
    long firstFeature(int frame) {
        double multiplier = FEATURE_RATE / (double) fps;
        return (long) Math.floor(frame * multiplier) - 2L * (long) Math.floor(multiplier);
    }

    @Override
    public void features(AudioWindow window, int frame, float[] out, int offset) {
        long first = firstFeature(frame);
        for (int step = 0; step < STEPS; step++) {
            long f = first + step;
            float[] segment = f >= 0 && f < available ? segment((int) (f / PER_SEGMENT)) : null;
            int local = (int) (f % PER_SEGMENT);
            for (int layer = 0; layer < LAYERS; layer++) {
                int token = step * LAYERS + layer;
                int to = offset + token * WIDTH;
                int from = (local * LAYERS + layer) * WIDTH;
                for (int d = 0; d < WIDTH; d++) {
                    out[to + d] = (segment == null ? 0f : segment[from + d]) + position[token * WIDTH + d];
                }
            }
        }
    }

    /** Hidden states of segment {@code k}, {@code [1500][5][384]}. */
    private float[] segment(int k) {
        if (segments[k] == null) {
            float[] input = mel.segment(speech, k * WhisperMel.SEGMENT);
            try (NDManager manager = encoder.newManager();
                 Predictor<NDList, NDList> predictor = encoder.newPredictor()) {
                NDList outputs = encoder.run(predictor, new NDList(encoder.upload(manager, input, input.length,
                        new Shape(1, WhisperMel.BANDS, WhisperMel.FRAMES))), 1);
                outputs.attach(manager);
                segments[k] = encoder.download(outputs.get(0));
            }
        }
        return segments[k];
    }

    /** The transformer's sinusoidal encoding for the 50 tokens: sin on even, cos on odd dimensions. */
    private static float[] positionEncoding() {
        float[] table = new float[TOKENS * WIDTH];
        for (int pos = 0; pos < TOKENS; pos++) {
            for (int i = 0; i < WIDTH; i += 2) {
                float rate = (float) Math.exp(i * (-Math.log(10000.0) / WIDTH));
                float angle = pos * rate;
                table[pos * WIDTH + i] = (float) Math.sin(angle);
                table[pos * WIDTH + i + 1] = (float) Math.cos(angle);
            }
        }
        return table;
    }
}
