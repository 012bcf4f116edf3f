/**
 * Thumbnails of image content (JPEG, PNG, GIF, BMP): {@link org.clouddisk.previews.ThumbnailService} makes each one
 * once per content and size, with bounded memory (the image's header is checked against a pixel limit before any
 * decoding, and the decoder subsamples so the full raster is never allocated), and keeps it on disk until the
 * content is deleted.
 */
package org.clouddisk.previews;
