package org.clouddisk.account;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.logging.Logger;

@Stateless
public class DefaultAccountService implements AccountService {

    private static final Logger LOG = Logger.getLogger(DefaultAccountService.class.getName());
    private static final PasswordHasher HASHER = new PasswordHasher();
    /** Verified against when the user is unknown, so that both failures take the same time. */
    private static final String UNKNOWN_USER_HASH = HASHER.hash("no such user");

    @PersistenceContext
    EntityManager em;

    @Inject
    TokenStore tokens;

    @Inject
    LoginThrottle throttle;

    @Override
    public boolean register(Registration r) {
        long taken = em.createNamedQuery("UserInfo.taken", Long.class)
                .setParameter("name", r.userName()).setParameter("nick", r.nickName()).getSingleResult();
        if (taken > 0) {
            return false;
        }
        try {
            em.persist(new UserInfo(r, HASHER.hash(r.password()), LocalDateTime.now()));
            em.flush();
        } catch (PersistenceException e) {
            // A concurrent registration took the name between the check and the insert (unique keys).
            LOG.info(() -> "registration of " + r.userName() + " lost a race: " + e.getMessage());
            return false;
        }
        LOG.info(() -> "registered user " + r.userName());
        return true;
    }

    @Override
    public Optional<String> login(String userName, String secret, String address) {
        switch (throttle.before(userName, address)) {
            case BLOCK -> {
                LOG.info(() -> "login of " + userName + " from " + address + " refused: too many failures");
                return Optional.empty();
            }
            case SLOW_DOWN -> pause();
            case ALLOW -> { }
        }
        Optional<UserInfo> user = em.createNamedQuery("UserInfo.byName", UserInfo.class)
                .setParameter("name", userName).getResultList().stream().findFirst();
        if (!HASHER.verify(secret, user.map(UserInfo::getPassword).orElse(UNKNOWN_USER_HASH)) || user.isEmpty()) {
            LOG.info(() -> "failed login for " + userName + " from " + address);
            throttle.failed(userName, address);
            return Optional.empty();
        }
        // The account row stays locked from here until this login's token is written and its transaction commits.
        // An administrator's disable locks the same row before revoking the user's tokens, so either the disable
        // committed first and is read here, or it waits for this commit and then revokes the token issued here:
        // no token outlives a disable, in either token store and on any node, and nothing needs mirroring in Redis.
        em.refresh(user.get(), LockModeType.PESSIMISTIC_WRITE);
        if (user.get().isDisabled()) {
            LOG.info(() -> "login of disabled user " + userName + " from " + address + " refused");
            return Optional.empty();
        }
        if (HASHER.needsUpgrade(user.get().getPassword())) {
            user.get().setPassword(HASHER.hash(secret));
        }
        throttle.succeeded(userName, address);
        LOG.fine(() -> "login of " + userName + " from " + address);
        return Optional.of(tokens.issue(userName, address));
    }

    /** Slows a guessed-at account down; no database connection is held yet. */
    private static void pause() {
        try {
            Thread.sleep(LoginThrottle.SLOW_DOWN.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void requireToken(String userName, String token) {
        if (userName == null || token == null || !tokens.touch(userName, token)) {
            throw new TokenRejectedException();
        }
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public void requireLiveLoginFrom(String userName, String address) {
        if (userName == null || !tokens.hasLiveLoginFrom(userName, address)) {
            LOG.info(() -> "token-less request for " + userName + " from " + address + " refused: no live login there");
            throw new TokenRejectedException();
        }
    }
}
