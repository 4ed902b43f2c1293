package com.videogenie.avatar.realism;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Writes a contact sheet for looking at a render beside its photo: the photo, then frames taken at
 * even steps through the video, each scaled to one tile height, in one row.
 * Arguments: photo, video, output PNG, number of frames (default 7).
 */
public final class ContactSheet {
    private static final int TILE = 256;

    private ContactSheet() {
    }

    public static void main(String[] args) throws Exception {
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
        BufferedImage photo = ImageIO.read(Path.of(args[0]).toFile());
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        BufferedImage sheet = new BufferedImage(TILE * (count + 1), TILE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        draw(g, photo, 0);
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(Path.of(args[1]).toFile());
             Java2DFrameConverter converter = new Java2DFrameConverter()) {
            grabber.start();
            int frames = grabber.getLengthInVideoFrames();
            int index = 0;
            int tile = 0;
            Frame frame;
            while (tile < count && (frame = grabber.grabImage()) != null) {
                if (index++ == (long) tile * frames / count + frames / (2 * count)) {
                    draw(g, converter.convert(frame), ++tile);
                }
            }
        }
        g.dispose();
        ImageIO.write(sheet, "png", Path.of(args[2]).toFile());
    }

    /** Draws the image into tile {@code slot}, scaled to the tile's height and centred. */
    private static void draw(Graphics2D g, BufferedImage image, int slot) {
        double scale = Math.min((double) TILE / image.getWidth(), (double) TILE / image.getHeight());
        int w = (int) Math.round(image.getWidth() * scale);
        int h = (int) Math.round(image.getHeight() * scale);
        g.drawImage(image, slot * TILE + (TILE - w) / 2, (TILE - h) / 2, w, h, null);
    }
}
