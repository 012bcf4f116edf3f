package org.clouddisk.account;

import java.util.Optional;

/** Registration, login and the token check every other endpoint relies on. */
public interface AccountService {

    /** @return true when registered, false when the user name or nick name is already taken */
    boolean register(Registration registration);

    /**
     * A new token when the secret is right, empty otherwise (unknown user, wrong secret, and a login throttled
     * after repeated failures from that address, alike).
     */
    Optional<String> login(String userName, String secret, String address);

    /** Returns when the token is a live token of this user; throws {@link TokenRejectedException} otherwise. */
    void requireToken(String userName, String token);

    /**
     * Returns when one of the user's live logins came from this client address; throws
     * {@link TokenRejectedException} otherwise. Only for the classic client's token-less requests.
     */
    void requireLiveLoginFrom(String userName, String address);
}
