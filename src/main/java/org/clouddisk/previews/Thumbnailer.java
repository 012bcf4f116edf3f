package org.clouddisk.previews;

import java.awt.image.BufferedImage;

/**
 * Makes a thumbnail image of stored content: decodes it subsampled within the pixel limits, scales it smoothly to
 * fit the size, turns it upright as its EXIF orientation says, and picks PNG when the image has transparency, JPEG
 * otherwise. Thread-safe; every outcome other than a thumbnail is a {@link Rendering.Refused}.
 */
final class Thumbnailer {

    private final SubsampledDecoder decoder;

    Thumbnailer(PixelLimits limits) {
        this.decoder = new SubsampledDecoder(limits);
    }

    Rendering render(ContentImageInputStream input, ThumbnailSize size) {
        try {
            DecodedImage decoded = decoder.decode(input, size.pixels());
            boolean alpha = decoded.image().getColorModel().hasAlpha();
            BufferedImage thumbnail = decoded.orientation().upright(
                    SmoothDownscaler.fit(decoded.image(), size.pixels(), alpha));
            return new Rendering.Rendered(thumbnail, alpha ? ThumbnailFormat.PNG : ThumbnailFormat.JPEG,
                    decoded.subsampling());
        } catch (ImageRefusedException e) {
            return new Rendering.Refused(e.reason(), e.getMessage());
        }
    }
}
