package com.videogenie.avatar.media;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * Cuts a fragmented MP4 byte stream into the pieces a player appends one by one: the init segment
 * ({@code ftyp} + {@code moov}) and then each media fragment ({@code moof} + {@code mdat}, with any
 * {@code styp}/{@code sidx} before it). Bytes arrive as the muxer writes them, in any split; a piece
 * is handed on as soon as its last box is complete.
 */
final class Mp4Fragments extends OutputStream {
    private final BiConsumer<byte[], Boolean> sink;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteArrayOutputStream piece = new ByteArrayOutputStream();
    private boolean initSent;

    /** @param sink receives each piece and whether it is the init segment */
    Mp4Fragments(BiConsumer<byte[], Boolean> sink) {
        this.sink = sink;
    }

    @Override
    public void write(int b) {
        pending.write(b);
        cut();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        pending.write(b, off, len);
        cut();
    }

    private void cut() {
        byte[] bytes = pending.toByteArray();
        int at = 0;
        while (bytes.length - at >= 8) {
            long size = ((bytes[at] & 0xffL) << 24) | ((bytes[at + 1] & 0xff) << 16) | ((bytes[at + 2] & 0xff) << 8)
                    | (bytes[at + 3] & 0xff);
            String type = new String(bytes, at + 4, 4, StandardCharsets.US_ASCII);
            if (size == 1) {
                if (bytes.length - at < 16) {
                    break;
                }
                size = 0;
                for (int i = 8; i < 16; i++) {
                    size = (size << 8) | (bytes[at + i] & 0xff);
                }
            } else if (size < 8) {
                throw new IllegalStateException("unsupported MP4 box size " + size + " for " + type);
            }
            if (bytes.length - at < size) {
                break;
            }
            piece.write(bytes, at, (int) size);
            at += (int) size;
            if (type.equals("moov") || type.equals("mdat")) {
                sink.accept(piece.toByteArray(), !initSent);
                initSent = true;
                piece.reset();
            }
        }
        pending.reset();
        pending.write(bytes, at, bytes.length - at);
    }
}
