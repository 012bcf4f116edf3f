package org.clouddisk.sharing;

/** What /dealfile?cmd=share did. */
public enum ShareOutcome {
    SHARED,
    /** This md5 + file name is already in the public list (by this user or another). */
    ALREADY_SHARED,
    NO_SUCH_FILE
}
