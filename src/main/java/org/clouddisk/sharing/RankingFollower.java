package org.clouddisk.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import org.clouddisk.platform.CommitInDoubt;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies share list changes to the ranking inside their transaction, just before it commits, while the rows the
 * change wrote are still locked (the share row; for shares and cancels also the public share counter). Concurrent
 * changes of one shared file therefore reach the ranking in the order they reach the database, and a rebuild
 * ({@link ShareList#rebuildRanking}, which takes the same locks) never interleaves with them.
 *
 * <p>Applied after the commit instead, changes of one file raced each other to Redis: a download counted right
 * after a share could be overwritten by the share's ZADD of score 0, a cancel's ZREM could run before the share's
 * HSET/ZADD and leave a ghost entry; the ranking then disagreed with the database for good, since its size matched.
 *
 * <p>When a change cannot be applied (Redis unreachable), the ranking is marked stale and the next reader rebuilds it
 * from the database. When its transaction fails after it was applied, or its commit's outcome is unknown
 * ({@link CommitInDoubt}), the ranking is dropped, so that no node reads a change that never committed (the ranking
 * is exact or absent); where even that fails, it is marked stale.
 */
@ApplicationScoped
public class RankingFollower {

    private static final Logger LOG = Logger.getLogger(RankingFollower.class.getName());

    @Inject
    ShareRanking ranking;

    private final AtomicBoolean stale = new AtomicBoolean();

    void follow(@Observes(during = TransactionPhase.BEFORE_COMPLETION) RankingChange change) {
        RankedFile f = change.file();
        try {
            switch (change.kind()) {
                case ADDED -> ranking.add(f);
                case REMOVED -> ranking.remove(f.md5(), f.fileName());
                case VIEWED -> ranking.increment(f.md5(), f.fileName());
            }
        } catch (RuntimeException e) {
            markStale();
            LOG.log(Level.WARNING, "ranking not updated ({0} {1}); it will be rebuilt from the database: {2}",
                    new Object[]{change.kind(), f.member(), e.toString()});
        }
    }

    void rolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) RankingChange change) {
        LOG.info(() -> "transaction of ranking change " + change.kind() + " " + change.file().member()
                + " failed; the ranking will be rebuilt from the database");
        drop(); // the change may have reached the ranking already
    }

    /**
     * A commit whose outcome nobody knows looks committed to AFTER_FAILURE (see {@link CommitInDoubt}): any change it
     * applied may be in the ranking without being in the database, or the other way round.
     */
    void inDoubt(@Observes CommitInDoubt doubt) {
        LOG.info(() -> "the commit of " + doubt.method() + " is in doubt; the ranking will be rebuilt from the database");
        drop();
    }

    private void drop() {
        try {
            ranking.drop();
        } catch (RuntimeException e) {
            markStale();
            LOG.log(Level.WARNING, "ranking not dropped: {0}", e.toString());
        }
    }

    /** The ranking may have missed a change or hold one that did not commit. */
    boolean isStale() {
        return stale.get();
    }

    void markStale() {
        stale.set(true);
    }

    /** Called by a rebuild once no change can interleave with it. */
    void clearStale() {
        stale.set(false);
    }
}
