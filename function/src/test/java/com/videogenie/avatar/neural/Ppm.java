package com.videogenie.avatar.neural;

import com.videogenie.avatar.image.RgbImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Binary PPM (P6, RGB) files: how the parity tests hand frames to the Python references and back. */
public final class Ppm {
    private Ppm() {
    }

    public static void write(Path file, RgbImage image) throws IOException {
        byte[] bgr = image.bgr();
        byte[] rgb = new byte[bgr.length];
        for (int i = 0; i < bgr.length; i += 3) {
            rgb[i] = bgr[i + 2];
            rgb[i + 1] = bgr[i + 1];
            rgb[i + 2] = bgr[i];
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("P6\n" + image.width() + " " + image.height() + "\n255\n").getBytes(StandardCharsets.US_ASCII));
            out.write(rgb);
        }
    }

    public static RgbImage read(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        int at = 0;
        String[] header = new String[4];
        for (int field = 0; field < 4; field++) {
            while (Character.isWhitespace(data[at])) {
                at++;
            }
            int start = at;
            while (!Character.isWhitespace(data[at])) {
                at++;
            }
            header[field] = new String(data, start, at - start, StandardCharsets.US_ASCII);
        }
        at++;
        int width = Integer.parseInt(header[1]);
        int height = Integer.parseInt(header[2]);
        byte[] bgr = new byte[width * height * 3];
        for (int i = 0; i < bgr.length; i += 3) {
            bgr[i] = data[at + i + 2];
            bgr[i + 1] = data[at + i + 1];
            bgr[i + 2] = data[at + i];
        }
        return new RgbImage(width, height, bgr);
    }
}
