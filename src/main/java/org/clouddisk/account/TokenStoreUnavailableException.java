package org.clouddisk.account;

import jakarta.ejb.ApplicationException;

/**
 * No token can be issued now (Redis down): the login answers 001. An application exception, so the container
 * rolls back without logging a stack trace for every login of an outage.
 */
@ApplicationException(rollback = true)
public class TokenStoreUnavailableException extends RuntimeException {
    public TokenStoreUnavailableException(Throwable cause) {
        super("the token store is unavailable: " + cause.getMessage(), cause);
    }
}
