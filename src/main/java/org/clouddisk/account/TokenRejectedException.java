package org.clouddisk.account;

import jakarta.ejb.ApplicationException;

/**
 * The request's token is missing, wrong, expired or not this user's: the protocol answers 111. An application
 * exception, so that it reaches the endpoint as itself rather than wrapped in an EJBException.
 */
@ApplicationException
public class TokenRejectedException extends RuntimeException {
    public TokenRejectedException() {
        super("token rejected", null, false, false);
    }
}
