package org.clouddisk.files;

/**
 * Fired inside a transaction that removed a content's last reference (and scheduled its deletion); the store is
 * asked to delete it once that transaction has committed.
 */
public record ContentReleased(String md5, String fileId) {
}
