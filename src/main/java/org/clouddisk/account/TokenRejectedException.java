package org.clouddisk.account;

/** The request's token is missing, wrong, expired or not this user's: the protocol answers 111. */
public class TokenRejectedException extends RuntimeException {
    public TokenRejectedException() {
        super("token rejected", null, false, false);
    }
}
