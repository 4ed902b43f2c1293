package com.videogenie.avatar.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.videogenie.avatar.AvatarException;
import com.videogenie.avatar.ErrorCode;
import com.videogenie.avatar.TestAssets;
import com.videogenie.avatar.image.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhotoLoaderTest {
    @TempDir
    Path dir;

    private Path convert(String format) {
        Path out = dir.resolve("photo." + format);
        try (Mat source = opencv_imgcodecs.imread(TestAssets.face("photo_man_bw_375x500.jpg").toString())) {
            assertTrue(opencv_imgcodecs.imwrite(out.toString(), source), "OpenCV cannot write " + format);
        }
        return out;
    }

    @Test
    void readsJpegPngWebpAndBmp() {
        for (String format : new String[] {"jpg", "png", "webp", "bmp"}) {
            RgbImage image = PhotoLoader.load(convert(format));
            assertEquals(375, image.width(), format);
            assertEquals(500, image.height(), format);
        }
    }

    @Test
    void readsTheSizeFromTheHeaderOfEveryAcceptedFormat() throws Exception {
        // Lossy and lossless WebP have different headers; OpenCV writes lossless at quality above 100.
        for (String format : new String[] {"jpg", "png", "webp", "bmp"}) {
            ImageHeader header = ImageHeader.read(Files.readAllBytes(convert(format)));
            assertEquals(375, header.width(), format);
            assertEquals(500, header.height(), format);
        }
        try (Mat source = opencv_imgcodecs.imread(TestAssets.face("photo_man_bw_375x500.jpg").toString())) {
            Path lossless = dir.resolve("lossless.webp");
            assertTrue(opencv_imgcodecs.imwrite(lossless.toString(), source,
                    new int[] {opencv_imgcodecs.IMWRITE_WEBP_QUALITY, 101}));
            ImageHeader header = ImageHeader.read(Files.readAllBytes(lossless));
            assertEquals(375, header.width());
            assertEquals(500, header.height());
        }
    }

    @Test
    void refusesAnOversizedImageFromItsHeaderBeforeDecodingIt() throws Exception {
        // 10000x10000 one-bit pixels: 12 MB of PNG data would become 300 MB of decoded pixels.
        BufferedImage bomb = new BufferedImage(10_000, 10_000, BufferedImage.TYPE_BYTE_BINARY);
        Path file = dir.resolve("bomb.png");
        ImageIO.write(bomb, "png", file.toFile());
        System.out.printf("photo loader: a %d x %d PNG of %d KB%n", bomb.getWidth(), bomb.getHeight(),
                Files.size(file) / 1024);

        AvatarException fromFile = assertThrows(AvatarException.class, () -> PhotoLoader.load(file));
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, fromFile.code());
        // Only the header is there: a decoder would call this damaged, the header check says too large.
        byte[] headerOnly = Arrays.copyOf(Files.readAllBytes(file), 33);
        AvatarException fromBytes = assertThrows(AvatarException.class, () -> PhotoLoader.decode(headerOnly, "upload"));
        assertEquals(ErrorCode.IMAGE_TOO_LARGE, fromBytes.code());
        assertTrue(fromBytes.getMessage().contains("10000x10000"), fromBytes.getMessage());
    }

    @Test
    void refusesFormatsOutsideTheAcceptedFour() {
        AvatarException error = assertThrows(AvatarException.class, () -> PhotoLoader.load(convert("tiff")));
        assertEquals(ErrorCode.UNREADABLE_IMAGE, error.code());
    }

    @Test
    void turnsPhotosUprightByTheirExifOrientation() throws Exception {
        byte[] jpeg = Files.readAllBytes(convert("jpg"));
        Path rotated = Files.write(dir.resolve("rotated.jpg"), withExifOrientation(jpeg, 6));
        RgbImage image = PhotoLoader.load(rotated);
        assertEquals(500, image.width(), "orientation 6 means the stored image is turned a quarter");
        assertEquals(375, image.height());
    }

    @Test
    void decodesUploadedBytesLikeTheFileTheyCameFrom() throws Exception {
        byte[] jpeg = withExifOrientation(Files.readAllBytes(convert("jpg")), 6);
        RgbImage fromFile = PhotoLoader.load(Files.write(dir.resolve("rotated.jpg"), jpeg));
        RgbImage fromBytes = PhotoLoader.decode(jpeg, "the uploaded image");
        assertEquals(500, fromBytes.width(), "upright by its EXIF orientation, as a file is");
        assertEquals(375, fromBytes.height());
        assertArrayEquals(fromFile.bgr(), fromBytes.bgr());
    }

    @Test
    void rejectsUploadedBytesThatAreNotAnImage() {
        AvatarException error = assertThrows(AvatarException.class,
                () -> PhotoLoader.decode("hello".getBytes(StandardCharsets.US_ASCII), "the uploaded image"));
        assertEquals(ErrorCode.UNREADABLE_IMAGE, error.code());
        assertTrue(error.getMessage().contains("the uploaded image"), error.getMessage());
        assertEquals(ErrorCode.UNREADABLE_IMAGE, assertThrows(AvatarException.class,
                () -> PhotoLoader.decode(new byte[0], "the uploaded image")).code());
    }

    @Test
    void rejectsFilesThatAreNotImages() throws Exception {
        Path text = Files.writeString(dir.resolve("face.png"), "hello");
        assertEquals(ErrorCode.UNREADABLE_IMAGE, assertThrows(AvatarException.class, () -> PhotoLoader.load(text)).code());
    }

    /** Inserts an APP1 Exif segment holding only the orientation tag right after the JPEG's SOI marker. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8).putShort((short) 1)
                .putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0)
                .putInt(0);
        byte[] header = {'E', 'x', 'i', 'f', 0, 0};
        int length = 2 + header.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(header);
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }
}
