package org.clouddisk.account;

/**
 * Login tokens: random, unguessable, expiring after an idle time, several per user (one per device).
 * Implementations keep only a digest of each token, so a copy of the store gives no usable token.
 */
public interface TokenStore {

    /** Issues a new token for the user; {@link TokenStoreUnavailableException} when the store cannot be reached. */
    String issue(String user);

    /**
     * Whether the token is a live token of this user; a valid token's idle lifetime starts again.
     * Fails closed: when the store cannot be asked, the answer is false.
     */
    boolean touch(String user, String token);
}
