package org.clouddisk.previews;

import java.util.Arrays;
import java.util.Optional;

/** The sizes thumbnails come in: a thumbnail fits in a square of {@link #pixels()} × {@link #pixels()}. */
public enum ThumbnailSize {
    SMALL(64),
    MEDIUM(256),
    LARGE(1024);

    private final int pixels;

    ThumbnailSize(int pixels) {
        this.pixels = pixels;
    }

    public int pixels() {
        return pixels;
    }

    /** The size whose edge is {@code pixels} (the endpoint's {@code ?size=}), if there is one. */
    public static Optional<ThumbnailSize> ofPixels(int pixels) {
        return Arrays.stream(values()).filter(size -> size.pixels == pixels).findFirst();
    }
}
