package org.clouddisk.files;

/** An upload that does not fit in its user's quota: refused before its content is read, or when it is recorded. */
public class QuotaExceededException extends RuntimeException {

    public QuotaExceededException(String user, long bytes) {
        super(bytes + " bytes more do not fit in the quota of " + user);
    }
}
