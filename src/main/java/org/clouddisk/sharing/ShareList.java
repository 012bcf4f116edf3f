package org.clouddisk.sharing;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.clouddisk.files.FileRemoving;
import org.clouddisk.files.FileService;
import org.clouddisk.files.UserFile;
import org.clouddisk.files.UserFileCount;

import java.time.LocalDateTime;
import java.util.Optional;

/**
 * share_file_list together with what must change with it: the owner's shared_status, the public share count and
 * (after commit) the ranking. Always called inside the caller's transaction.
 */
@ApplicationScoped
public class ShareList {

    @PersistenceContext
    EntityManager em;

    @EJB
    FileService files;

    @Inject
    Event<RankingChange> rankingChanges;

    Optional<SharedFile> find(String md5, String fileName) {
        return em.createNamedQuery("SharedFile.find", SharedFile.class).setParameter("md5", md5)
                .setParameter("fileName", fileName).getResultStream().findFirst();
    }

    int count() {
        return em.createNamedQuery("UserFileCount.byUser", UserFileCount.class)
                .setParameter("user", UserFileCount.SHARED_FILES).getResultStream().findFirst()
                .map(UserFileCount::getCount).orElse(0);
    }

    /** Puts the user's (locked) file into the public list. */
    void share(UserFile file) {
        em.persist(new SharedFile(file.getUser(), file.getMd5(), file.getFileName(), LocalDateTime.now()));
        file.setShared(true);
        files.lockCounter(UserFileCount.SHARED_FILES).add(1);
        em.flush(); // a concurrent share of the same md5 + name surfaces here, inside Conflicts.retry
        rankingChanges.fire(new RankingChange(RankingChange.Kind.ADDED,
                new RankedFile(file.getMd5(), file.getFileName(), 0)));
    }

    /** Takes the user's (locked) file out of the public list. */
    void unshare(UserFile file) {
        file.setShared(false);
        find(file.getMd5(), file.getFileName()).filter(s -> s.getUser().equals(file.getUser())).ifPresent(shared -> {
            em.remove(shared);
            files.lockCounter(UserFileCount.SHARED_FILES).add(-1);
            rankingChanges.fire(new RankingChange(RankingChange.Kind.REMOVED,
                    new RankedFile(shared.getMd5(), shared.getFileName(), shared.getPv())));
        });
    }

    /** A shared file is being deleted: its share goes in the same transaction. */
    void onFileRemoving(@Observes FileRemoving removing) {
        if (removing.file().isShared()) {
            unshare(removing.file());
        }
    }
}
