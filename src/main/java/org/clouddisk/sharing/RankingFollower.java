package org.clouddisk.sharing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Applies share list changes to the ranking once their transaction has committed, never before (a rolled-back
 * change must not show). When the ranking cannot be reached the change is dropped here: readers find the ranking
 * out of step with the database and rebuild it.
 */
@ApplicationScoped
public class RankingFollower {

    private static final Logger LOG = Logger.getLogger(RankingFollower.class.getName());

    @Inject
    ShareRanking ranking;

    void follow(@Observes(during = TransactionPhase.AFTER_SUCCESS) RankingChange change) {
        RankedFile f = change.file();
        try {
            switch (change.kind()) {
                case ADDED -> ranking.add(f);
                case REMOVED -> ranking.remove(f.md5(), f.fileName());
                case VIEWED -> ranking.increment(f.md5(), f.fileName());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ranking not updated ({0} {1}); it will be rebuilt from the database: {2}",
                    new Object[]{change.kind(), f.member(), e.toString()});
        }
    }
}
