package org.clouddisk.files;

/** A user's file is about to get another name. */
public record FileRenaming(UserFile file) implements ShareEndingChange {
}
