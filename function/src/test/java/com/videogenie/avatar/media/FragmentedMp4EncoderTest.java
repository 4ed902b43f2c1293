package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.VideoFrames;
import com.videogenie.avatar.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FragmentedMp4EncoderTest {
    @TempDir
    Path work;

    private record Segment(byte[] bytes, boolean init, long frames) {
        String firstBox() {
            return new String(bytes, 4, 4, StandardCharsets.US_ASCII);
        }
    }

    @Test
    void writesAnInitSegmentThenOneDecodableFragmentPerFrame() throws Exception {
        List<Segment> segments = new ArrayList<>();
        int frames = 30;
        try (FragmentedMp4Encoder encoder = FragmentedMp4Encoder.open(128, 96, 25,
                (bytes, init, count) -> segments.add(new Segment(bytes, init, count)))) {
            RgbImage image = new RgbImage(128, 96);
            for (int i = 0; i < frames; i++) {
                java.util.Arrays.fill(image.bgr(), (byte) (i * 8));
                encoder.encode(image);
                // The muxer closes a frame's fragment when the next frame arrives.
                assertEquals(i, segments.size() - 1, "fragments after frame " + i);
            }
            encoder.finish();
        }

        assertTrue(segments.get(0).init(), "init segment first");
        assertEquals("ftyp", segments.get(0).firstBox());
        assertEquals(frames + 1, segments.size());
        for (int i = 1; i < segments.size(); i++) {
            assertEquals("moof", segments.get(i).firstBox(), "fragment " + i);
            assertEquals(i, segments.get(i).frames());
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Segment segment : segments) {
            stream.write(segment.bytes());
        }
        Path file = work.resolve("live.mp4");
        Files.write(file, stream.toByteArray());
        VideoFrames.Decoded decoded = VideoFrames.decode(file);
        assertEquals("h264", decoded.videoCodec());
        assertEquals(frames, decoded.frames().size());
        assertEquals(128, decoded.width());
    }
}
