package com.videogenie.avatar;

/** Samples as live clients send them: 16-bit signed little-endian PCM. Shared with the adapters' tests. */
public final class PcmBytes {
    private PcmBytes() {
    }

    /** Samples in [-1, 1] as s16le bytes, clipped at full scale. */
    public static byte[] s16le(float[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            int v = Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768f)));
            bytes[2 * i] = (byte) v;
            bytes[2 * i + 1] = (byte) (v >> 8);
        }
        return bytes;
    }
}
