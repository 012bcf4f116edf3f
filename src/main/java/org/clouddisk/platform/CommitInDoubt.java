package org.clouddisk.platform;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.SystemException;

/**
 * A container-managed transaction whose commit has an unknown outcome: the database's answer to COMMIT was lost (its
 * connection died), so the transaction may or may not have committed. Narayana reports it to the bean's caller as a
 * heuristic outcome, but tells the transaction's synchronizations STATUS_COMMITTED (its StatusConverter maps the
 * mixed and hazard outcomes so): AFTER_SUCCESS observers run, AFTER_FAILURE ones do not. Whatever applied a change
 * outside the database before the commit learns of it through this event ({@link CommitInDoubtInterceptor}).
 *
 * @param method the bean method whose transaction it was
 */
public record CommitInDoubt(String method) {

    /** Whether a bean call failed this way: a heuristic outcome or a failed commit somewhere in its causes. */
    public static boolean isCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HeuristicMixedException || t instanceof SystemException) {
                return true;
            }
        }
        return false;
    }
}
