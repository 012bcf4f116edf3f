package org.clouddisk.previews;

import java.awt.image.BufferedImage;

/**
 * An image as the decoder delivered it: already reduced by subsampling.
 *
 * @param subsampling the factor both axes were subsampled by (1: every pixel decoded)
 */
record DecodedImage(BufferedImage image, int subsampling) {
}
