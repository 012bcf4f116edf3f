package org.clouddisk.admin;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.clouddisk.account.TokenStore;
import org.clouddisk.account.UserInfo;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.api.Times;
import org.clouddisk.files.UserFileCount;
import org.clouddisk.platform.LikePatterns;
import org.clouddisk.platform.Settings;

import java.util.Optional;
import java.util.logging.Logger;

@Stateless
public class DefaultAdminService implements AdminService {

    private static final Logger LOG = Logger.getLogger(DefaultAdminService.class.getName());
    private static final String USERS = " from UserInfo u left join UserFileCount c on c.user = u.userName"
            + " where lower(u.userName) like :pattern escape '" + LikePatterns.ESCAPE + "'"
            + " or lower(u.nickName) like :pattern escape '" + LikePatterns.ESCAPE + "'";

    @PersistenceContext
    EntityManager em;

    @Inject
    Settings settings;

    @Inject
    TokenStore tokens;

    @Override
    public Page<UserSummary> users(Optional<String> query, Paging paging) {
        String pattern = LikePatterns.containingLowercase(query.orElse(""));
        TypedQuery<Object[]> page = em.createQuery("select u, c" + USERS + " order by u.userName", Object[].class);
        long total = em.createQuery("select count(u)" + USERS, Long.class).setParameter("pattern", pattern)
                .getSingleResult();
        return new Page<>(page.setParameter("pattern", pattern).setFirstResult(paging.offset())
                .setMaxResults(paging.limit()).getResultList().stream()
                .map(row -> summary((UserInfo) row[0], (UserFileCount) row[1])).toList(), total);
    }

    /**
     * Disabling revokes the user's tokens inside the transaction, with the account row locked (a token store that
     * cannot be reached fails the change with 503 rather than leave tokens working). A login writes its token while
     * holding the same row lock (AccountService.login), so a login racing the disable either finished before this
     * lock was granted, and its token is revoked here, or reads the committed disable and is refused.
     */
    @Override
    public UserSummary update(String user, Optional<Optional<Long>> limit, Optional<Boolean> disabled) {
        UserInfo info = em.createNamedQuery("UserInfo.byName", UserInfo.class).setParameter("name", user)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream().findFirst()
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no such user"));
        limit.ifPresent(own -> info.setQuotaBytes(own.orElse(null)));
        disabled.ifPresent(info::setDisabled);
        if (info.isDisabled()) {
            tokens.revokeAll(user);
        }
        LOG.info(() -> "administrator set user " + user + ": quota " + info.getQuotaBytes() + ", disabled "
                + info.isDisabled());
        return summary(info, em.createNamedQuery("UserFileCount.byUser", UserFileCount.class)
                .setParameter("user", user).getResultList().stream().findFirst().orElse(null));
    }

    @Override
    public StorageStats stats() {
        return new StorageStats(
                em.createQuery("select count(u) from UserInfo u", Long.class).getSingleResult(),
                em.createQuery("select count(u) from UserFile u", Long.class).getSingleResult(),
                em.createQuery("select count(i) from FileInfo i", Long.class).getSingleResult(),
                em.createQuery("select coalesce(sum(i.size), 0) from UserFile u, FileInfo i where i.md5 = u.md5",
                        Long.class).getSingleResult(),
                em.createQuery("select coalesce(sum(i.size), 0) from FileInfo i", Long.class).getSingleResult());
    }

    /** A user without a counter row has never held a file. */
    private UserSummary summary(UserInfo info, UserFileCount counter) {
        Long limit = info.getQuotaBytes() != null ? info.getQuotaBytes() : settings.defaultQuota().orElse(null);
        return new UserSummary(info.getUserName(), info.getNickName(), Times.utc(info.getCreateTime()),
                counter == null ? 0 : counter.getCount(), counter == null ? 0 : counter.getUsedBytes(), limit,
                info.isDisabled());
    }
}
