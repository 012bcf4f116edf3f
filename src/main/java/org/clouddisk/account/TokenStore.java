package org.clouddisk.account;

import java.util.Optional;

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

    /**
     * The user a live token belongs to (the API's Bearer tokens name no user); a valid token's idle lifetime starts
     * again. {@link TokenStoreUnavailableException} when the store cannot be asked, so that callers can tell an
     * outage from a bad token.
     */
    Optional<String> userOf(String token);
}
