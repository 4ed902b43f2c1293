package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class EncoderSettingsTest {
    @Test
    void autoTriesNvencBeforeX264() {
        assertEquals(List.of("h264_nvenc", "libx264"), new EncoderSettings("auto").candidates());
        assertEquals(List.of("libx264"), new EncoderSettings("libx264").candidates());
    }

    @Test
    void rejectsUnknownEncoders() {
        assertThrows(IllegalArgumentException.class, () -> new EncoderSettings("vp9"));
    }

    @Test
    void keepsAacCompatibleRatesAndDownmixesToStereo() {
        assertEquals(16_000, EncoderSettings.outputSampleRate(16_000));
        assertEquals(48_000, EncoderSettings.outputSampleRate(192_000));
        assertEquals(1, EncoderSettings.outputChannels(1));
        assertEquals(2, EncoderSettings.outputChannels(6));
    }

    @Test
    void usesConstantQualityPerEncoder() {
        assertEquals("20", EncoderSettings.videoOptions("libx264").get("crf"));
        assertEquals("21", EncoderSettings.videoOptions("h264_nvenc").get("cq"));
    }
}
