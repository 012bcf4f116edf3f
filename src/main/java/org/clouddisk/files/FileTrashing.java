package org.clouddisk.files;

/** A user's file is about to go to the trash, alone or inside a folder: it leaves the public list at once. */
public record FileTrashing(UserFile file) implements ShareEndingChange {
}
