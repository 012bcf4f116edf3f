package org.clouddisk.account;

import java.util.Optional;

/**
 * Login tokens: random, unguessable, expiring after an idle time, several per user (one per device), each
 * remembering the client address it was issued to. Implementations keep only a digest of each token, so a copy of
 * the store gives no usable token.
 */
public interface TokenStore {

    /**
     * Issues a new token for the user logging in from {@code address}; {@link TokenStoreUnavailableException} when
     * the store cannot be reached.
     */
    String issue(String user, String address);

    /**
     * Whether the token is a live token of this user; a valid token's idle lifetime starts again.
     * Fails closed: when the store cannot be asked, the answer is false.
     */
    boolean touch(String user, String token);

    /**
     * Whether one of the user's live tokens was issued to this address (the classic client's token-less requests).
     * Fails closed like {@link #touch}.
     */
    boolean hasLiveLoginFrom(String user, String address);

    /**
     * The user a live token belongs to (the API's Bearer tokens name no user); a valid token's idle lifetime starts
     * again. {@link TokenStoreUnavailableException} when the store cannot be asked, so that callers can tell an
     * outage from a bad token.
     */
    Optional<String> userOf(String token);

    /**
     * Ends every login of the user at once (an administrator disabled the account);
     * {@link TokenStoreUnavailableException} when the store cannot be reached.
     */
    void revokeAll(String user);
}
