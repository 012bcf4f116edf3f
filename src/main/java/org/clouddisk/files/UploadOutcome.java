package org.clouddisk.files;

/** What recording an upload did with the freshly stored copy of the content. */
public enum UploadOutcome {
    /** The copy became the content of a new file_info row: keep it. */
    NEW_CONTENT,
    /** The server already held this content; a reference was added: the fresh copy is redundant. */
    EXISTING_CONTENT,
    /** The user already had this md5 under this name; nothing changed: the fresh copy is redundant. */
    ALREADY_OWNED,
    /** The content does not fit in the user's quota; nothing changed: the fresh copy goes. */
    QUOTA_EXCEEDED
}
