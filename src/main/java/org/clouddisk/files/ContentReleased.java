package org.clouddisk.files;

/** Fired inside a transaction that removed a content's last reference; the store deletes it after commit. */
public record ContentReleased(String md5, String fileId) {
}
