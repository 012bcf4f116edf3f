package org.clouddisk.files;

/**
 * Fired synchronously, inside the transaction, just before a user's file row is deleted, so that the sharing
 * side removes its share of it in the same transaction.
 */
public record FileRemoving(UserFile file) {
}
