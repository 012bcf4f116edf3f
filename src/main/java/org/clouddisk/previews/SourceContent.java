package org.clouddisk.previews;

/**
 * The stored content a thumbnail is made of, as the files' {@code file_info} row knows it.
 *
 * @param md5    the content's MD5 hex: thumbnails are kept per content, whoever's file it is
 * @param fileId the content store's id
 * @param size   the content's length in bytes
 */
public record SourceContent(String md5, String fileId, long size) {
}
