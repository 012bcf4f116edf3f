package org.clouddisk.files;

/**
 * A change after which a user's file can no longer stand in the public share list under its md5 and name (it is
 * deleted or renamed). Fired synchronously, inside the transaction, just before the change, so that the sharing
 * side takes the file's share out in the same transaction.
 */
public interface ShareEndingChange {
    UserFile file();
}
