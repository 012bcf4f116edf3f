package org.clouddisk.files;

/** A user's file row is about to be deleted. */
public record FileRemoving(UserFile file) implements ShareEndingChange {
}
