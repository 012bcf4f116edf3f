package org.clouddisk.api;

import java.util.Locale;

/** Every problem code of the v2 API (shared/API.md, "Common rules"), with its HTTP status, in one place. */
public enum ProblemCode {
    INVALID(400, "Invalid request"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    NAME_CONFLICT(409, "Name already taken"),
    CYCLE(409, "A folder cannot go into itself or its subtree"),
    QUOTA_EXCEEDED(413, "Quota exceeded"),
    UNKNOWN_CONTENT(404, "Unknown content"),
    PROOF_FAILED(409, "Proof of possession failed"),
    PASSWORD_REQUIRED(401, "Password required"),
    GONE(410, "Gone"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    UNAVAILABLE(503, "Service unavailable");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The code as clients see it: not_found, name_conflict, ... */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
