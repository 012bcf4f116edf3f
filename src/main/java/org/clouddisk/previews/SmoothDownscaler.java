package org.clouddisk.previews;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Scales an image down to fit a square, keeping its aspect ratio, never up. Halving steps with bilinear
 * interpolation, then one step to the exact size: a single bilinear step from far above skips most source pixels
 * and shimmers, while each halving averages them all (the progressive bilinear method).
 */
final class SmoothDownscaler {

    private SmoothDownscaler() {
    }

    /**
     * The image scaled to fit {@code edge} × {@code edge}, as {@code TYPE_INT_ARGB} when {@code keepAlpha}, else
     * {@code TYPE_INT_RGB} (the types the PNG and JPEG writers take as they are).
     */
    static BufferedImage fit(BufferedImage source, int edge, boolean keepAlpha) {
        double scale = Math.min(1.0, Math.min((double) edge / source.getWidth(), (double) edge / source.getHeight()));
        int targetWidth = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int targetHeight = Math.max(1, (int) Math.round(source.getHeight() * scale));
        // premultiplied while halving, so transparent pixels lend no colour to their neighbours
        int stepType = keepAlpha ? BufferedImage.TYPE_INT_ARGB_PRE : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = source;
        while (current.getWidth() / 2 >= targetWidth && current.getHeight() / 2 >= targetHeight
                && (current.getWidth() > 2 * targetWidth || current.getHeight() > 2 * targetHeight)) {
            current = draw(current, current.getWidth() / 2, current.getHeight() / 2, stepType);
        }
        return draw(current, targetWidth, targetHeight, keepAlpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    }

    private static BufferedImage draw(BufferedImage source, int width, int height, int type) {
        BufferedImage target = new BufferedImage(width, height, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return target;
    }
}
