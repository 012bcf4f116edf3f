package org.clouddisk.api;

import jakarta.ejb.ApplicationException;

/**
 * A v2 request that ends with a problem answer. An application exception, so that it leaves an EJB as itself and
 * rolls its transaction back.
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final String reason;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, null);
    }

    /** With the answer's "reason" member, a word a client can tell cases of one code apart by. */
    public ProblemException(ProblemCode code, String detail, String reason) {
        super(detail, null, false, false);
        this.code = code;
        this.reason = reason;
    }

    public ProblemCode code() {
        return code;
    }

    public Problem problem() {
        return Problem.of(code, getMessage(), reason);
    }
}
