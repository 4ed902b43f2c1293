package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.VideoFrames;
import com.videogenie.avatar.image.RgbImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
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
    void writesAnInitSegmentThenEachFramesFragmentBeforeEncodeReturns() throws Exception {
        List<Segment> segments = new ArrayList<>();
        int frames = 30;
        try (FragmentedMp4Encoder encoder = FragmentedMp4Encoder.open(128, 96, 25,
                (bytes, init, count) -> segments.add(new Segment(bytes, init, count)))) {
            RgbImage image = new RgbImage(128, 96);
            for (int i = 0; i < frames; i++) {
                Arrays.fill(image.bgr(), (byte) (i * 8));
                encoder.encode(image);
                assertEquals(i + 1, segments.size() - 1, "fragments once frame " + i + " is encoded");
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
        Path file = work.resolve("live.mp4");
        Files.write(file, concat(segments));
        VideoFrames.Decoded decoded = VideoFrames.decode(file);
        assertEquals("h264", decoded.videoCodec());
        assertEquals(frames, decoded.frames().size());
        assertEquals(128, decoded.width());
    }

    @Test
    void timesEveryFragmentIncludingTheLastOneFramePeriodAfterTheOneBefore() throws Exception {
        int fps = 30;
        int frames = 40;
        List<Segment> segments = new ArrayList<>();
        try (FragmentedMp4Encoder encoder = FragmentedMp4Encoder.open(64, 48, fps,
                (bytes, init, count) -> segments.add(new Segment(bytes, init, count)))) {
            RgbImage image = new RgbImage(64, 48);
            for (int i = 0; i < frames; i++) {
                Arrays.fill(image.bgr(), (byte) (i * 5));
                encoder.encode(image);
            }
            encoder.finish();
        }

        long timescale = Box.find(segments.get(0).bytes(), "moov", "trak", "mdia", "mdhd").timescale();
        assertEquals(0, timescale % fps, "timescale " + timescale + " holds whole frames");
        long period = timescale / fps;
        for (int i = 0; i < frames; i++) {
            byte[] fragment = segments.get(i + 1).bytes();
            assertEquals(i + 1, Box.find(fragment, "moof", "mfhd").body().getInt(4), "sequence number " + i);
            Box tfhd = Box.find(fragment, "moof", "traf", "tfhd");
            assertTrue((tfhd.flags() & 0x020000) != 0, "tfhd default-base-is-moof in fragment " + i);
            assertEquals(i * period, Box.find(fragment, "moof", "traf", "tfdt").decodeTime(), "tfdt of frame " + i);
            assertArrayEquals(new long[] {period}, Box.find(fragment, "moof", "traf", "trun").durations(tfhd),
                    "sample durations in fragment " + i);
        }

        Path file = work.resolve("timed.mp4");
        Files.write(file, concat(segments));
        List<Long> timestamps = new ArrayList<>();
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(file.toFile())) {
            grabber.start();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                timestamps.add(frame.timestamp);
            }
            assertEquals(frames * 1e6 / fps, grabber.getLengthInTime(), 1, "stream duration in µs");
        }
        assertEquals(frames, timestamps.size(), "decoded frames");
        for (int i = 0; i < frames; i++) {
            assertEquals(Math.round(i * 1e6 / fps), timestamps.get(i), 1, "timestamp of frame " + i);
        }
    }

    @Test
    void refusesFramesAfterTheStreamIsFinished() {
        try (FragmentedMp4Encoder encoder = FragmentedMp4Encoder.open(32, 32, 25, (bytes, init, count) -> { })) {
            RgbImage image = new RgbImage(32, 32);
            encoder.encode(image);
            encoder.finish();
            AvatarException error = assertThrows(AvatarException.class, () -> encoder.encode(image));
            assertEquals(ErrorCode.ENCODER_FAILED, error.code());
        }
    }

    private static byte[] concat(List<Segment> segments) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        segments.forEach(segment -> stream.writeBytes(segment.bytes()));
        return stream.toByteArray();
    }

    /** An ISO BMFF box read just far enough for the timing fields a Media Source Extensions player uses. */
    private record Box(ByteBuffer body) {
        /** Follows the path of box types from the top level, first match at each level. */
        static Box find(byte[] bytes, String... path) {
            ByteBuffer level = ByteBuffer.wrap(bytes);
            Box box = null;
            for (String type : path) {
                box = child(level, type);
                assertNotNull(box, "no " + type + " box on the way to " + String.join("/", path));
                level = box.body();
            }
            return box;
        }

        private static Box child(ByteBuffer level, String type) {
            int at = level.position();
            while (at + 8 <= level.limit()) {
                int size = level.getInt(at);
                assertTrue(size >= 8, "box size " + size + " at " + at);
                byte[] name = new byte[4];
                level.get(at + 4, name);
                if (new String(name, StandardCharsets.US_ASCII).equals(type)) {
                    return new Box(level.slice(at + 8, size - 8));
                }
                at += size;
            }
            return null;
        }

        int version() {
            return body.get(0) & 0xff;
        }

        int flags() {
            return body.getInt(0) & 0xffffff;
        }

        long timescale() {
            return body.getInt(version() == 1 ? 20 : 12) & 0xffffffffL;
        }

        long decodeTime() {
            return version() == 1 ? body.getLong(4) : body.getInt(4) & 0xffffffffL;
        }

        /** A trun's sample durations, from the tfhd default where the trun has none of its own. */
        long[] durations(Box tfhd) {
            int flags = flags();
            long[] durations = new long[body.getInt(4)];
            int at = 8 + ((flags & 0x1) != 0 ? 4 : 0) + ((flags & 0x4) != 0 ? 4 : 0);
            int perSample = Integer.bitCount(flags & 0xf00) * 4;
            for (int i = 0; i < durations.length; i++, at += perSample) {
                durations[i] = (flags & 0x100) != 0 ? body.getInt(at) & 0xffffffffL : tfhd.defaultDuration();
            }
            return durations;
        }

        private long defaultDuration() {
            int flags = flags();
            assertTrue((flags & 0x8) != 0, "tfhd without a default sample duration");
            int at = 8 + ((flags & 0x1) != 0 ? 8 : 0) + ((flags & 0x2) != 0 ? 4 : 0);
            return body.getInt(at) & 0xffffffffL;
        }
    }
}
