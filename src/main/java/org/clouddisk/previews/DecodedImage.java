package org.clouddisk.previews;

import java.awt.image.BufferedImage;

/**
 * An image as the decoder delivered it: already reduced by subsampling, still as the camera stored it.
 *
 * @param subsampling the factor both axes were subsampled by (1: every pixel decoded)
 * @param orientation how to turn it to be seen as meant
 */
record DecodedImage(BufferedImage image, int subsampling, Orientation orientation) {
}
