package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.clouddisk.account.UserInfo;
import org.clouddisk.platform.Settings;

/**
 * Users' usage against their limits (API.md, "Quotas"): a user's own limit (user_info.quota_bytes) or else
 * CLOUDDISK_DEFAULT_QUOTA, against the usage kept in the user's counter row (user_file_count.used_bytes: every file's
 * size, trash included, and the bytes reserved by unfinished uploads). Exact only under that row's lock, which the
 * callers that change it hold; the reads without it are pre-checks, made before any byte is received.
 */
@ApplicationScoped
public class Quotas {

    @PersistenceContext
    EntityManager em;

    @Inject
    Settings settings;

    /**
     * The user's usage and limit in one query (each statement is a round trip to the database); in the caller's
     * transaction when there is one, so under the counter lock it is exact.
     */
    public Quota of(String user) {
        return em.createNamedQuery("UserFileCount.usageAndLimit", Object[].class).setParameter("user", user)
                .getResultList().stream().findFirst()
                .map(row -> new Quota(row[0] == null ? 0 : (Long) row[0], limit((Long) row[1])))
                .orElseGet(() -> new Quota(0, limit(null))); // no such user: nothing used
    }

    /** Whether {@code bytes} more fit in the user's quota now: the check before any byte is stored, not a guarantee. */
    public boolean hasRoomFor(String user, long bytes) {
        return of(user).fits(bytes);
    }

    /**
     * Counts {@code bytes} of an unfinished upload in the user's usage, in the caller's transaction, which holds the
     * counter's lock; false, and nothing counted, when they do not fit.
     */
    public boolean reserve(UserFileCount counter, long bytes) {
        if (!of(counter, ownLimit(counter.getUser())).fits(bytes)) {
            return false;
        }
        counter.addBytes(bytes);
        return true;
    }

    /** Takes bytes {@link #reserve}d back out of the user's usage (the upload finished, ended or expired). */
    public void unreserve(UserFileCount counter, long bytes) {
        counter.addBytes(-bytes);
    }

    /** The quota of the locked counter's user, whose own limit is {@code own} (null: the default one). */
    Quota of(UserFileCount counter, Long own) {
        return new Quota(counter.getUsedBytes(), limit(own));
    }

    /** The user's own limit (null: the default one). */
    Long ownLimit(String user) {
        return em.createNamedQuery("UserInfo.byName", UserInfo.class).setParameter("name", user)
                .getResultList().stream().findFirst().map(UserInfo::getQuotaBytes).orElse(null);
    }

    /** The user's own limit, else the default one (null: unlimited). */
    private Long limit(Long own) {
        return own != null ? own : settings.defaultQuota().orElse(null);
    }
}
