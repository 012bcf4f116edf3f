package org.clouddisk.api;

import jakarta.ws.rs.core.Response;
import jakarta.ejb.ApplicationException;

/**
 * A v2 request that ends with a problem answer. An application exception, so that it leaves an EJB as itself and
 * rolls its transaction back.
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final int status;
    private final String reason;

    public ProblemException(ProblemCode code, String detail) {
        this(code, code.status(), detail, null);
    }

    /** With the answer's "reason" member, a word a client can tell cases of one code apart by. */
    public ProblemException(ProblemCode code, String detail, String reason) {
        this(code, code.status(), detail, reason);
    }

    /** A problem answered with another status than its code's own (tus: 409 for a wrong offset, 412, 423). */
    public ProblemException(ProblemCode code, int status, String detail) {
        this(code, status, detail, null);
    }

    private ProblemException(ProblemCode code, int status, String detail, String reason) {
        super(detail, null, false, false);
        this.code = code;
        this.status = status;
        this.reason = reason;
    }

    public ProblemCode code() {
        return code;
    }

    public Problem problem() {
        if (status == code.status()) {
            return Problem.of(code, getMessage(), reason);
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        return Problem.of(code, status, known == null ? code.title() : known.getReasonPhrase(), getMessage());
    }
}
