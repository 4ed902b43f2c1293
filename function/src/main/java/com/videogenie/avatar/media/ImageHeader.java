package com.videogenie.avatar.media;

/**
 * An image's width and height read from its header, before any pixel is decoded: a few kilobytes of
 * PNG can claim a gigapixel, which a decoder would expand into gigabytes before any check of ours.
 * Knows the formats the service accepts (JPEG, PNG, WebP, BMP); anything else has no size here.
 */
record ImageHeader(String format, long width, long height) {
    long pixels() {
        return width * height;
    }

    /** The header's size, or null when the bytes do not start like a whole JPEG, PNG, WebP or BMP header. */
    static ImageHeader read(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
            return new ImageHeader("PNG", u32be(b, 16), u32be(b, 20));
        }
        if (b.length >= 4 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
            return jpeg(b);
        }
        if (b.length >= 30 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return webp(b);
        }
        if (b.length >= 26 && b[0] == 'B' && b[1] == 'M') {
            return new ImageHeader("BMP", Math.abs((long) s32le(b, 18)), Math.abs((long) s32le(b, 22)));
        }
        return null;
    }

    /** Walks the segments to the first start-of-frame, which holds the size. */
    private static ImageHeader jpeg(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length) {
            if ((b[i] & 0xff) != 0xff) {
                return null;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xff) {
                i++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
                i += 2;
                continue;
            }
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
                    && marker != 0xcc;
            if (startOfFrame) {
                return i + 9 <= b.length ? new ImageHeader("JPEG", u16be(b, i + 7), u16be(b, i + 5)) : null;
            }
            i += 2 + u16be(b, i + 2);
        }
        return null;
    }

    /** Lossy (VP8), lossless (VP8L) or extended (VP8X, whose canvas is the size). */
    private static ImageHeader webp(byte[] b) {
        if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == ' ') {
            return new ImageHeader("WebP", u16le(b, 26) & 0x3fff, u16le(b, 28) & 0x3fff);
        }
        if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'L') {
            long bits = u32le(b, 21);
            return new ImageHeader("WebP", (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
        }
        if (b[12] == 'V' && b[13] == 'P' && b[14] == '8' && b[15] == 'X') {
            return new ImageHeader("WebP", u24le(b, 24) + 1, u24le(b, 27) + 1);
        }
        return null;
    }

    private static long u32be(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }

    private static int u16be(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
    }

    private static long u24le(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((long) (b[at + 2] & 0xff) << 16);
    }

    private static long u32le(byte[] b, int at) {
        return u24le(b, at) | ((long) (b[at + 3] & 0xff) << 24);
    }

    private static int s32le(byte[] b, int at) {
        return (int) u32le(b, at);
    }
}
