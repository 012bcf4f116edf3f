package org.clouddisk.api;

import jakarta.ejb.ApplicationException;

/**
 * A v2 request that ends with a problem answer. An application exception, so that it leaves an EJB as itself and
 * rolls its transaction back.
 */
@ApplicationException(rollback = true)
public class ProblemException extends RuntimeException {

    private final ProblemCode code;

    public ProblemException(ProblemCode code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }

    public Problem problem() {
        return Problem.of(code, getMessage());
    }
}
