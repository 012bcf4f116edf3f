package org.clouddisk.previews;

import java.nio.file.Path;

/**
 * A finished thumbnail, kept on disk: the endpoint streams {@link #file()} with {@link ThumbnailFormat#mediaType()}.
 * The file is complete and never rewritten in place; it may be deleted with its content at any moment, so a reader
 * that finds it gone answers as if there were no thumbnail.
 */
public record Thumbnail(Path file, ThumbnailFormat format) {
}
