package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Mp4FragmentsTest {
    @Test
    void cutsInitAndFragmentsHoweverTheBytesArrive() {
        byte[] init = concat(box("ftyp", 12), box("moov", 40));
        byte[] first = concat(box("moof", 30), box("mdat", 100));
        byte[] second = concat(box("styp", 8), box("moof", 30), box("mdat", 9));
        byte[] stream = concat(init, first, second);
        for (int split : new int[] {1, 3, 7, 64, stream.length}) {
            List<byte[]> pieces = new ArrayList<>();
            List<Boolean> inits = new ArrayList<>();
            Mp4Fragments fragments = new Mp4Fragments((bytes, isInit) -> {
                pieces.add(bytes);
                inits.add(isInit);
            });
            for (int at = 0; at < stream.length; at += split) {
                fragments.write(stream, at, Math.min(split, stream.length - at));
            }
            assertEquals(3, pieces.size(), "pieces when written " + split + " bytes at a time");
            assertArrayEquals(init, pieces.get(0));
            assertArrayEquals(first, pieces.get(1));
            assertArrayEquals(second, pieces.get(2));
            assertEquals(List.of(true, false, false), inits);
        }
    }

    @Test
    void waitsForTheRestOfALargeBoxHeader() {
        // size 1: the real size follows as 64 bits, so the header is 16 bytes, not 8.
        ByteBuffer large = ByteBuffer.allocate(40);
        large.putInt(1).put("mdat".getBytes(StandardCharsets.US_ASCII)).putLong(40);
        byte[] stream = concat(box("ftyp", 12), box("moov", 40), box("moof", 30), large.array());
        for (int split : new int[] {1, 5, 9, stream.length}) {
            List<byte[]> pieces = new ArrayList<>();
            Mp4Fragments fragments = new Mp4Fragments((bytes, isInit) -> pieces.add(bytes));
            for (int at = 0; at < stream.length; at += split) {
                fragments.write(stream, at, Math.min(split, stream.length - at));
            }
            assertEquals(2, pieces.size(), "pieces when written " + split + " bytes at a time");
            assertEquals(70, pieces.get(1).length, "moof and the whole 64-bit-sized mdat");
        }
    }

    private static byte[] box(String type, int size) {
        ByteBuffer box = ByteBuffer.allocate(size);
        box.putInt(size).put(type.getBytes(StandardCharsets.US_ASCII));
        while (box.hasRemaining()) {
            box.put((byte) box.position());
        }
        return box.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
