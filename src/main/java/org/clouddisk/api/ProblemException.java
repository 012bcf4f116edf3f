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

    public ProblemException(ProblemCode code, String detail) {
        this(code, code.status(), detail);
    }

    /** A problem answered with another status than its code's own (tus: 409 for a wrong offset, 412, 423). */
    public ProblemException(ProblemCode code, int status, String detail) {
        super(detail, null, false, false);
        this.code = code;
        this.status = status;
    }

    public ProblemCode code() {
        return code;
    }

    public Problem problem() {
        return status == code.status() ? Problem.of(code, getMessage())
                : Problem.of(code, status, Response.Status.fromStatusCode(status) == null ? code.title()
                : Response.Status.fromStatusCode(status).getReasonPhrase(), getMessage());
    }
}
