package org.clouddisk.account;

import java.util.Optional;

/**
 * A token store that answers the checks of recently confirmed tokens from this node's {@link TokenCache} and asks
 * the store behind it for the rest. Revoking empties the cache, then announces the revocation to every node and
 * returns once none of them can still serve the revoked tokens from its cache.
 */
public class CachingTokenStore implements TokenStore, AutoCloseable {

    private final TokenStore store;
    private final TokenCache cache;
    private final TokenRevocations revocations;

    CachingTokenStore(TokenStore store, TokenCache cache, TokenRevocations revocations) {
        this.store = store;
        this.cache = cache;
        this.revocations = revocations;
    }

    @Override
    public String issue(String user, String address) {
        return store.issue(user, address);
    }

    @Override
    public boolean touch(String user, String token) {
        String digest = Tokens.digest(token);
        Optional<String> known = cache.user(digest);
        if (known.isPresent()) {
            return known.get().equals(user);
        }
        TokenCache.Check check = cache.begin();
        boolean live = store.touch(user, token);
        if (live) {
            cache.remember(digest, user, check);
        }
        return live;
    }

    @Override
    public boolean hasLiveLoginFrom(String user, String address) {
        return store.hasLiveLoginFrom(user, address);
    }

    @Override
    public Optional<String> userOf(String token) {
        String digest = Tokens.digest(token);
        Optional<String> known = cache.user(digest);
        if (known.isPresent()) {
            return known;
        }
        TokenCache.Check check = cache.begin();
        Optional<String> user = store.userOf(token);
        user.ifPresent(u -> cache.remember(digest, u, check));
        return user;
    }

    @Override
    public void revokeAll(String user) {
        store.revokeAll(user);
        cache.flush();
        revocations.announce();
    }

    @Override
    public void close() {
        revocations.close();
    }
}
