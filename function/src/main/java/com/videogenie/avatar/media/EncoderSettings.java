package com.videogenie.avatar.media;

import java.util.List;
import java.util.Map;

/**
 * FFmpeg encoder names and options, built by pure functions so they can be tested without FFmpeg.
 *
 * @param preference {@code auto} (NVENC when it starts, else libx264), {@code libx264} or {@code h264_nvenc}
 */
public record EncoderSettings(String preference) {
    public static final String AUTO = "auto";
    public static final String X264 = "libx264";
    public static final String NVENC = "h264_nvenc";

    public EncoderSettings {
        if (!List.of(AUTO, X264, NVENC).contains(preference)) {
            throw new IllegalArgumentException("video encoder must be auto, libx264 or h264_nvenc, not " + preference);
        }
    }

    /** Encoders to try, in order. */
    public List<String> candidates() {
        return preference.equals(AUTO) ? List.of(NVENC, X264) : List.of(preference);
    }

    /** Private options per encoder: constant quality, a fast preset that still looks clean at 512 px. */
    public static Map<String, String> videoOptions(String codec) {
        if (codec.equals(NVENC)) {
            return Map.of("preset", "p4", "rc", "vbr", "cq", "21");
        }
        return Map.of("preset", "veryfast", "crf", "20");
    }

    /** x264 settings for live: no look-ahead or B-frames, so nothing waits inside the encoder. */
    public static Map<String, String> liveVideoOptions() {
        return Map.of("preset", "veryfast", "tune", "zerolatency", "crf", "23", "bf", "0");
    }

    /** AAC takes 8-96 kHz; anything else is resampled to 48 kHz. Mono and stereo are kept, more is downmixed. */
    public static int outputSampleRate(int sourceRate) {
        return sourceRate >= 8000 && sourceRate <= 96000 ? sourceRate : 48000;
    }

    public static int outputChannels(int sourceChannels) {
        return sourceChannels == 1 ? 1 : 2;
    }
}
