package org.clouddisk.previews;

/**
 * How many pixels an image may declare to be decoded. Subsampling already bounds the heap whatever the size; the
 * limit bounds the rest, which grows with the source's pixels: decoding time (every source row is still decoded),
 * and for progressive JPEGs the decoder's native memory, since libjpeg keeps all DCT coefficients of a progressive
 * image outside the heap (measured: 250 MB resident for 64 megapixels, against 55 MB for the same image baseline),
 * so those get an eighth of the limit.
 *
 * @param maxPixels the most pixels (width × height) of a baseline image
 */
record PixelLimits(long maxPixels) {

    private static final int PROGRESSIVE_SHARE = 8;

    PixelLimits {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("the pixel limit must be positive: " + maxPixels);
        }
    }

    long maxProgressivePixels() {
        return maxPixels / PROGRESSIVE_SHARE;
    }
}
