package org.clouddisk.previews;

import java.awt.image.BufferedImage;

/** What {@link Thumbnailer} made of some content: a thumbnail image, or the reason there is none. */
sealed interface Rendering {

    /**
     * A thumbnail image and how to encode it.
     *
     * @param subsampling the decoder's subsampling factor: 1 when every source pixel was decoded
     */
    record Rendered(BufferedImage image, ThumbnailFormat format, int subsampling) implements Rendering {
    }

    record Refused(Refusal reason, String detail) implements Rendering {
    }
}
