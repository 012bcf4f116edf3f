package org.clouddisk.previews;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Images made by the tests themselves: encoded by ImageIO, or PNGs assembled chunk by chunk. */
final class TestImages {

    private TestImages() {
    }

    /** An opaque gradient, so that scaling has something to blend. */
    static BufferedImage opaque(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        paint(image, Color.RED, Color.BLUE);
        return image;
    }

    /** Red on the left half, blue on the right: which way up a thumbnail is shows. */
    static BufferedImage redLeftBlueRight(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        paintHalves(image);
        return image;
    }

    /** A gradient from opaque red to fully transparent. */
    static BufferedImage translucent(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        paint(image, Color.RED, new Color(0, 0, 255, 0));
        return image;
    }

    /** Red on the left half, the right half transparent: what a GIF with a transparent background holds. */
    static BufferedImage indexedWithTransparency(int width, int height) {
        IndexColorModel redAndTransparentBlue = new IndexColorModel(8, 2, new byte[]{(byte) 255, 0},
                new byte[]{0, 0}, new byte[]{0, (byte) 255}, 1);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED, redAndTransparentBlue);
        paintHalves(image);
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalArgumentException("no " + format + " writer for this image");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] progressiveJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * A valid 8-bit greyscale PNG of the given size, all black, its pixels deflated to a thousandth of their size: a
     * decompression bomb when large (20,000 × 20,000 inflates to 400 MB from about 400 KB).
     *
     * @param rows how many rows the image data holds; fewer than {@code height} makes a truncated image
     */
    static byte[] blackGreyPng(int width, int height, int rows) {
        return blackGreyPng(width, height, rows, 0);
    }

    /**
     * The same, with a compressed text chunk (zTXt) before the image data that inflates to {@code textBytes} zero
     * bytes: a bomb in the metadata rather than in the pixels.
     */
    static byte[] blackGreyPng(int width, int height, int rows, long textBytes) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (DataOutputStream ihdr = new DataOutputStream(header)) {
            ihdr.writeInt(width);
            ihdr.writeInt(height);
            ihdr.write(new byte[]{8, 0, 0, 0, 0}); // bit depth 8, greyscale, deflate, adaptive filtering, no interlace
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", header.toByteArray());
        if (textBytes > 0) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            text.writeBytes("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1)); // keyword, deflate
            text.writeBytes(zeros(textBytes, 64 * 1024));
            chunk(png, "zTXt", text.toByteArray());
        }
        chunk(png, "IDAT", zeros((long) rows * (1 + width), 1 + width)); // filter type 0, then the row's samples
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /**
     * The JPEG with an EXIF segment (APP1) right after its start marker, holding only the Orientation tag: a
     * big-endian TIFF header and one directory of one entry.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteArrayOutputStream app1 = new ByteArrayOutputStream();
        try (DataOutputStream exif = new DataOutputStream(app1)) {
            exif.writeBytes("Exif\0\0");
            exif.writeBytes("MM");
            exif.writeShort(42);
            exif.writeInt(8); // the first directory follows the header
            exif.writeShort(1); // one entry
            exif.writeShort(0x0112); // Orientation
            exif.writeShort(3); // SHORT
            exif.writeInt(1); // one value, kept in the entry itself
            exif.writeShort(orientation);
            exif.writeShort(0);
            exif.writeInt(0); // no next directory
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2); // SOI
        out.write(0xFF);
        out.write(0xE1);
        int length = app1.size() + 2;
        out.write(length >>> 8);
        out.write(length);
        out.writeBytes(app1.toByteArray());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** {@code count} zero bytes, zlib-compressed, written {@code step} at a time. */
    private static byte[] zeros(long count, int step) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] chunk = new byte[step];
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION))) {
            for (long left = count; left > 0; left -= step) {
                zlib.write(chunk, 0, (int) Math.min(step, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    static byte[] truncated(byte[] content, double keptShare) {
        return Arrays.copyOf(content, (int) (content.length * keptShare));
    }

    static byte[] text() {
        return "Meeting notes\nnothing to see here, not even a picture\n".repeat(40).getBytes(StandardCharsets.UTF_8);
    }

    private static void paintHalves(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.RED);
        g.fillRect(0, 0, image.getWidth() / 2, image.getHeight());
        g.dispose();
    }

    private static void paint(BufferedImage image, Color from, Color to) {
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, from, image.getWidth(), image.getHeight(), to));
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.dispose();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(png, data.length);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        writeInt(png, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}
