package org.clouddisk.previews;

import java.util.Optional;

/** Thumbnails of stored images, made once per content and size and kept until the content goes. */
public interface ThumbnailService {

    /**
     * The thumbnail of this content at this size, made now when it was not made before. Empty when the content has
     * none: not an image, a type no decoder reads, corrupt or truncated data, more pixels than the limit. Never throws
     * for the content's sake; {@code 503 unavailable} ({@link org.clouddisk.api.ProblemException}) when it cannot be
     * made now: the store cannot deliver the content, no rendering slot freed up in time, or the thumbnail could not
     * be written.
     */
    Optional<Thumbnail> thumbnail(SourceContent content, ThumbnailSize size);

    /** Deletes every thumbnail of this content (called once the content is deleted from the store). */
    void deleteThumbnails(String md5);
}
