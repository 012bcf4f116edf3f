package org.clouddisk.files;

/** What adding a reference to held content (instant upload, saving a shared file) did. */
public enum ReferenceOutcome {
    ADDED,
    /** The user already has this md5 under this name. */
    ALREADY_OWNED,
    /** The server holds no such content outside the trash. */
    UNKNOWN_CONTENT,
    /** The content does not fit in the user's quota; nothing changed. */
    QUOTA_EXCEEDED
}
