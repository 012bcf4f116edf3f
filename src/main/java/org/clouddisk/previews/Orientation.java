package org.clouddisk.previews;

import java.awt.image.BufferedImage;

/**
 * How a camera stored a picture relative to how it is meant to be seen: the eight values of the EXIF Orientation tag,
 * in its order. Browsers turn photos upright when they show them, so thumbnails must too.
 */
enum Orientation {
    UPRIGHT, MIRRORED, UPSIDE_DOWN, UPSIDE_DOWN_MIRRORED, TRANSPOSED, ROTATED_LEFT, TRANSVERSED, ROTATED_RIGHT;

    /** The orientation of an EXIF tag value; unknown values count as upright, as browsers do. */
    static Orientation ofExifValue(int value) {
        return value >= 1 && value <= values().length ? values()[value - 1] : UPRIGHT;
    }

    /** The image as it is meant to be seen (a new image, unless it already is). */
    BufferedImage upright(BufferedImage stored) {
        if (this == UPRIGHT) {
            return stored;
        }
        int w = stored.getWidth();
        int h = stored.getHeight();
        boolean swapsSides = ordinal() >= TRANSPOSED.ordinal();
        BufferedImage seen = new BufferedImage(swapsSides ? h : w, swapsSides ? w : h, stored.getType());
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = stored.getRGB(x, y);
                switch (this) {
                    case MIRRORED -> seen.setRGB(w - 1 - x, y, rgb);
                    case UPSIDE_DOWN -> seen.setRGB(w - 1 - x, h - 1 - y, rgb);
                    case UPSIDE_DOWN_MIRRORED -> seen.setRGB(x, h - 1 - y, rgb);
                    case TRANSPOSED -> seen.setRGB(y, x, rgb);
                    case ROTATED_LEFT -> seen.setRGB(h - 1 - y, x, rgb); // stored turned left: turn it right
                    case TRANSVERSED -> seen.setRGB(h - 1 - y, w - 1 - x, rgb);
                    case ROTATED_RIGHT -> seen.setRGB(y, w - 1 - x, rgb);
                    default -> throw new AssertionError(this);
                }
            }
        }
        return seen;
    }
}
