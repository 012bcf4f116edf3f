package org.clouddisk.sharing;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import org.clouddisk.files.ShareEndingChange;
import org.clouddisk.files.FileService;
import org.clouddisk.files.UserFile;
import org.clouddisk.files.UserFileCount;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * share_file_list together with what must change with it: the owner's shared_status, the public share count and
 * the ranking. Called inside the caller's transaction, except {@link #rebuildRanking}.
 */
@ApplicationScoped
public class ShareList {

    private static final Logger LOG = Logger.getLogger(ShareList.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    FileService files;

    @Inject
    Event<RankingChange> rankingChanges;

    @Inject
    ShareRanking ranking;

    @Inject
    RankingFollower follower;

    Optional<SharedFile> find(String md5, String fileName) {
        return em.createNamedQuery("SharedFile.find", SharedFile.class).setParameter("md5", md5)
                .setParameter("fileName", fileName).getResultList().stream().findFirst();
    }

    int count() {
        return em.createNamedQuery("UserFileCount.byUser", UserFileCount.class)
                .setParameter("user", UserFileCount.SHARED_FILES).getResultList().stream().findFirst()
                .map(UserFileCount::getCount).orElse(0);
    }

    /**
     * Puts the user's (locked) file into the public list; false when this md5 + file name is already in it.
     * The public share counter is locked first: it serialises every change of the list and of the ranking's
     * membership, and {@link #rebuildRanking} takes it first too.
     */
    boolean share(UserFile file) {
        UserFileCount shares = files.lockCounter(UserFileCount.SHARED_FILES);
        if (find(file.getMd5(), file.getFileName()).isPresent()) {
            return false;
        }
        em.persist(new SharedFile(file.getUser(), file.getMd5(), file.getFileName(), LocalDateTime.now()));
        file.setShared(true);
        shares.add(1);
        em.flush(); // every row written and locked before the ranking follows (RankingFollower)
        rankingChanges.fire(new RankingChange(RankingChange.Kind.ADDED,
                new RankedFile(file.getMd5(), file.getFileName(), 0)));
        return true;
    }

    /** Takes the user's (locked) file out of the public list. */
    void unshare(UserFile file) {
        UserFileCount shares = files.lockCounter(UserFileCount.SHARED_FILES); // first, as in share
        file.setShared(false);
        find(file.getMd5(), file.getFileName()).filter(s -> s.getUser().equals(file.getUser())).ifPresent(shared -> {
            em.remove(shared);
            shares.add(-1);
            em.flush(); // the share row deleted (and locked) before the ranking follows
            rankingChanges.fire(new RankingChange(RankingChange.Kind.REMOVED,
                    new RankedFile(shared.getMd5(), shared.getFileName(), shared.getPv())));
        });
    }

    /**
     * Replaces the ranking with share_file_list, with no change of the list in between: the public share counter
     * is locked first (shares and cancels wait), then every share row (download counts wait). Changes that
     * committed before reached the ranking before their commit (RankingFollower), so none is lost.
     */
    @Transactional
    void rebuildRanking() {
        files.lockCounter(UserFileCount.SHARED_FILES);
        List<RankedFile> all = em.createQuery("select s from SharedFile s", SharedFile.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .map(s -> new RankedFile(s.getMd5(), s.getFileName(), s.getPv())).toList();
        follower.clearStale();
        ranking.replaceAll(all);
        LOG.info(() -> "ranking rebuilt from the database with " + all.size() + " shared files");
    }

    /** A shared file is being deleted or renamed: its share goes in the same transaction. */
    void onShareEndingChange(@Observes ShareEndingChange change) {
        if (change.file().isShared()) {
            unshare(change.file());
        }
    }
}
