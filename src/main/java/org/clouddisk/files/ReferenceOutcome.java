package org.clouddisk.files;

/** What adding a reference to held content (instant upload, saving a shared file) did. */
public enum ReferenceOutcome {
    ADDED,
    /** The user already has this md5 under this name. */
    ALREADY_OWNED,
    /** The server holds no such content. */
    UNKNOWN_CONTENT
}
