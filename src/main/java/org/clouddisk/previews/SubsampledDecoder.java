package org.clouddisk.previews;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;

/**
 * Decodes the first image of a stream with bounded memory: the dimensions come from the header alone, images above
 * the pixel limits are refused before any pixel is decoded, and the rest are decoded with source subsampling, so the
 * raster allocated is at most twice the thumbnail's edge on its long side, whatever the source's size.
 */
final class SubsampledDecoder {

    /**
     * Formats whose JDK decoders read row by row into the subsampled raster. Others are refused on purpose: TIFF, for
     * one, inflates a whole strip at a time, and a single strip may hold the whole image.
     */
    private static final Set<String> SUPPORTED_FORMATS = Set.of("jpeg", "png", "gif", "bmp");

    private final PixelLimits limits;

    SubsampledDecoder(PixelLimits limits) {
        this.limits = limits;
    }

    /** Decodes so that the result's long edge is between {@code targetEdge} and twice that (or the source's). */
    DecodedImage decode(ContentImageInputStream input, int targetEdge) throws ImageRefusedException {
        ImageReader reader = readerFor(input);
        try {
            JpegHeader jpeg = isJpeg(reader) ? JpegHeader.read(input) : JpegHeader.NONE;
            reader.setInput(input, false, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            admit(width, height, jpeg.progressive());
            if (!reader.getImageTypes(0).hasNext()) {
                // e.g. CMYK JPEGs: the JDK's decoder recognises them but has no type to decode them into
                throw new ImageRefusedException(Refusal.UNSUPPORTED, "no decodable pixel type");
            }
            int subsampling = subsampling(width, height, targetEdge);
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            int readsPastEndBefore = input.readsPastEnd();
            BufferedImage image = reader.read(0, param);
            if (input.readsPastEnd() > readsPastEndBefore) {
                // truncated: JPEG and BMP decoders fill in the missing rows instead of failing
                throw new ImageRefusedException(Refusal.CORRUPT, "the content ends before the image does");
            }
            return new DecodedImage(image, subsampling, jpeg.orientation());
        } catch (IOException | RuntimeException e) {
            // decoders also meet contradictory headers with unchecked exceptions (index, argument, negative size)
            throw new ImageRefusedException(storeFailure(e) ? Refusal.CONTENT_UNAVAILABLE : Refusal.CORRUPT, e.toString());
        } finally {
            reader.dispose();
        }
    }

    /**
     * The subsampling factor that brings the long edge down to at most twice the target: the smooth downscale that
     * follows needs that margin for quality, and the decoded raster stays within (2 × target)² pixels.
     */
    static int subsampling(int width, int height, int targetEdge) {
        long longEdge = Math.max(width, height);
        long allowed = 2L * targetEdge;
        return (int) Math.max(1, (longEdge + allowed - 1) / allowed);
    }

    private static ImageReader readerFor(ImageInputStream input) throws ImageRefusedException {
        Iterator<ImageReader> readers;
        try {
            // ImageIO's format detection swallows I/O errors: a store failure would pass for "not an image"
            input.mark();
            input.read();
            input.reset();
            readers = ImageIO.getImageReaders(input);
        } catch (IOException e) {
            throw new ImageRefusedException(Refusal.CONTENT_UNAVAILABLE, e.toString());
        } catch (RuntimeException e) {
            throw new ImageRefusedException(Refusal.NOT_AN_IMAGE, e.toString());
        }
        if (!readers.hasNext()) {
            throw new ImageRefusedException(Refusal.NOT_AN_IMAGE, "no decoder recognises the content");
        }
        ImageReader reader = readers.next();
        String format = formatName(reader);
        if (!SUPPORTED_FORMATS.contains(format)) {
            reader.dispose();
            throw new ImageRefusedException(Refusal.UNSUPPORTED, "format " + format + " is not thumbnailed");
        }
        return reader;
    }

    private void admit(int width, int height, boolean progressiveJpeg) throws ImageRefusedException {
        if (width <= 0 || height <= 0) {
            throw new ImageRefusedException(Refusal.CORRUPT, "declared size " + width + " × " + height);
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageRefusedException(Refusal.TOO_LARGE,
                    width + " × " + height + " pixels, above the limit of " + limits.maxPixels());
        }
        if (progressiveJpeg && pixels > limits.maxProgressivePixels()) {
            throw new ImageRefusedException(Refusal.TOO_LARGE, "progressive JPEG of " + width + " × " + height
                    + " pixels, above the limit of " + limits.maxProgressivePixels() + " for progressive JPEGs");
        }
    }

    private static boolean isJpeg(ImageReader reader) {
        return formatName(reader).equals("jpeg");
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static boolean storeFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContentUnavailableException) {
                return true;
            }
        }
        return false;
    }
}
