package org.clouddisk.files;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.clouddisk.previews.ThumbnailService;
import org.clouddisk.storage.ContentStore;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deleting content from the store, durably: the transaction that releases a content's last reference writes a
 * pending_deletion row; once it has committed the store is asked at once, and the row goes when the store
 * confirms. A deletion the store could not take stays pending and is retried by {@link #drain} (the maintenance
 * timer), with growing pauses. Content is never deleted before its release committed, and a content id is never
 * reused, so a retry can only delete what nobody references. The content's thumbnails go with it; should the same
 * bytes be uploaded again meanwhile, their thumbnails are simply made again.
 */
@Stateless
public class ContentDeletions {

    private static final Logger LOG = Logger.getLogger(ContentDeletions.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    ContentStore store;

    @Inject
    ThumbnailService thumbnails;

    @Resource
    SessionContext context;

    /** Records, in the caller's transaction, that this content must go. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void schedule(String fileId, String md5) {
        em.persist(new PendingDeletion(fileId, md5, LocalDateTime.now()));
    }

    /** Records, in a transaction of its own, content that must go (a failed upload's copy the store kept). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void scheduleNow(String fileId, String md5) {
        schedule(fileId, md5);
    }

    /** After the release committed: try at once, so the store frees the space without waiting for the timer. */
    public void onReleased(@Observes(during = TransactionPhase.AFTER_SUCCESS) ContentReleased released) {
        self().attempt(released.fileId());
    }

    /** Deletes every due pending deletion it can; answers how many the store confirmed. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int drain(int max) {
        List<Long> due = em.createNamedQuery("PendingDeletion.due", Long.class)
                .setParameter("now", LocalDateTime.now()).setMaxResults(max).getResultList();
        int done = 0;
        for (Long id : due) {
            PendingDeletion p = em.find(PendingDeletion.class, id);
            if (p != null && self().attempt(p.getFileId())) {
                done++;
            }
        }
        return done;
    }

    /** One attempt, in a transaction of its own: true when the content is gone from the store. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean attempt(String fileId) {
        Optional<PendingDeletion> pending = em.createNamedQuery("PendingDeletion.byFileId", PendingDeletion.class)
                .setParameter("fileId", fileId).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().stream().findFirst();
        if (pending.isEmpty()) {
            return false; // another node finished it
        }
        try {
            boolean deleted = store.delete(fileId);
            em.remove(pending.get());
            thumbnails.deleteThumbnails(pending.get().getMd5());
            LOG.info(() -> "content " + fileId + (deleted ? " deleted from the store" : " was already gone from the store"));
            return true;
        } catch (IOException | RuntimeException e) {
            pending.get().failed(LocalDateTime.now());
            LOG.log(Level.WARNING, "content {0} could not be deleted from the store (attempt {1}), will retry: {2}",
                    new Object[]{fileId, pending.get().getAttempts(), e.toString()});
            return false;
        }
    }

    private ContentDeletions self() {
        return context.getBusinessObject(ContentDeletions.class);
    }
}
