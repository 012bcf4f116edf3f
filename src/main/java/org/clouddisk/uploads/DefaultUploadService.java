package org.clouddisk.uploads;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.drive.DriveService;
import org.clouddisk.files.ContentDeletions;
import org.clouddisk.files.ContentReleased;
import org.clouddisk.files.FileService;
import org.clouddisk.files.Quotas;
import org.clouddisk.files.UploadOutcome;
import org.clouddisk.files.UserFileCount;
import org.clouddisk.platform.Settings;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

/**
 * Lock order as in the files package: the user's counter row first (every change of the usage), then the upload row.
 * Content an upload leaves behind is scheduled for deletion in the transaction that ends the upload (a
 * pending_deletion row), and deleted from the store once it committed, so an ended upload never leaves an orphan.
 */
@Stateless
public class DefaultUploadService implements UploadService {

    private static final Logger LOG = Logger.getLogger(DefaultUploadService.class.getName());
    /** How long a PATCH holds an upload without renewing; a PATCH renews it well before (UploadWriter). */
    static final Duration LEASE = Duration.ofSeconds(60);
    /**
     * pending_deletion wants an md5 to drop thumbnails with; unfinished uploads' content has none, and no content
     * has this one (it would take an MD5 preimage of all zeros).
     */
    static final String NO_MD5 = "0".repeat(32);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** How long a completed upload still answers HEAD and a closing empty PATCH. */
    private static final Duration COMPLETED_KEPT = Duration.ofHours(1);

    @PersistenceContext
    EntityManager em;

    @EJB
    FileService files;

    @Inject
    Quotas quotas;

    @EJB
    DriveService drive;

    @EJB
    ContentDeletions deletions;

    @Inject
    Event<ContentReleased> released;

    @Inject
    Settings settings;

    @Override
    public UploadStatus create(String user, NewUpload declared, String contentId, byte[] emptyDigestState) {
        UserFileCount counter = files.lockCounter(user);
        long folder = drive.folderRow(user, declared.folderId());
        if (!quotas.reserve(counter, declared.length())) {
            throw new ProblemException(ProblemCode.QUOTA_EXCEEDED,
                    declared.length() + " bytes do not fit in the quota");
        }
        LocalDateTime now = LocalDateTime.now();
        var upload = new Upload(newId(), user, folder, declared.name(), declared.length(), declared.md5(),
                emptyDigestState, contentId, now, now.plus(settings.uploadExpiry()));
        em.persist(upload);
        em.flush();
        LOG.info(() -> "user " + user + " began upload " + upload.getId() + " of " + declared.length() + " bytes as '"
                + declared.name() + "'");
        return status(upload);
    }

    @Override
    public UploadStatus status(String user, String id) {
        return status(find(user, id, LockModeType.NONE));
    }

    @Override
    public Lease lease(String user, String id, long clientOffset) {
        Upload upload = find(user, id, LockModeType.PESSIMISTIC_WRITE);
        LocalDateTime now = LocalDateTime.now();
        if (upload.isLeased(now)) {
            throw new ProblemException(ProblemCode.TOO_MANY_REQUESTS, 423,
                    "another request is writing to this upload; try again when it has ended");
        }
        if (clientOffset != upload.getOffset()) {
            // also a completed upload: it stands at its length
            throw new ProblemException(ProblemCode.INVALID, 409,
                    "Upload-Offset " + clientOffset + " is not the upload's offset " + upload.getOffset());
        }
        if (upload.getCompletedNode() != null) {
            return lease(upload, null);
        }
        String token = newId();
        upload.lease(token, now.plus(LEASE));
        return lease(upload, token);
    }

    @Override
    public boolean renew(Lease lease) {
        Upload upload = em.find(Upload.class, lease.uploadId(), LockModeType.PESSIMISTIC_WRITE);
        LocalDateTime now = LocalDateTime.now();
        if (upload == null || !upload.isLeasedBy(lease.token(), now)) {
            return false;
        }
        upload.lease(lease.token(), now.plus(LEASE));
        return true;
    }

    @Override
    public boolean save(Lease lease, long offset, byte[] digestState) {
        Upload upload = progress(lease, offset, digestState);
        if (upload == null) {
            return false;
        }
        upload.lease(lease.token(), LocalDateTime.now().plus(LEASE));
        return true;
    }

    @Override
    public boolean saveAndEndLease(Lease lease, long offset, byte[] digestState) {
        Upload upload = progress(lease, offset, digestState);
        if (upload == null) {
            return false;
        }
        upload.endLease();
        return true;
    }

    /** Records the progress of the upload still under this lease (its row locked); null when the lease was lost. */
    private Upload progress(Lease lease, long offset, byte[] digestState) {
        Upload upload = em.find(Upload.class, lease.uploadId(), LockModeType.PESSIMISTIC_WRITE);
        LocalDateTime now = LocalDateTime.now();
        if (upload == null || !upload.isLeasedBy(lease.token(), now)) {
            return null;
        }
        upload.progress(offset, digestState, now.plus(settings.uploadExpiry()));
        return upload;
    }

    @Override
    public void endLease(Lease lease) {
        Upload upload = em.find(Upload.class, lease.uploadId(), LockModeType.PESSIMISTIC_WRITE);
        if (upload != null && upload.isLeasedBy(lease.token(), LocalDateTime.now())) {
            upload.endLease();
        }
    }

    @Override
    public Completed complete(Lease lease, String md5, String fileId) {
        UserFileCount counter = files.lockCounter(lease.user());
        Upload upload = leased(lease);
        quotas.unreserve(counter, upload.getLength());
        DriveService.AddedUpload added = drive.addUpload(upload.getUser(), upload.getFolderId(), upload.getFileName(),
                md5, upload.getLength(), fileId);
        if (added.outcome() == UploadOutcome.QUOTA_EXCEEDED) {
            // the length was counted since creation, but an administrator lowered the limit since: the quota wins
            throw new ProblemException(ProblemCode.QUOTA_EXCEEDED, "upload " + upload.getId()
                    + " no longer fits the quota, lowered since it began; it is discarded");
        }
        boolean kept = added.outcome() == UploadOutcome.NEW_CONTENT;
        if (!kept) {
            scheduleDeletion(fileId); // the server held this content already: the fresh copy goes after commit
        }
        // kept a while for HEAD and a client's closing empty PATCH (the official Java client sends one)
        upload.completed(added.nodeId(), fileId, LocalDateTime.now().plus(COMPLETED_KEPT));
        LOG.info(() -> "upload " + upload.getId() + " completed as file " + added.nodeId()
                + (kept ? "" : ", content already held"));
        return new Completed(added.nodeId(), kept);
    }

    @Override
    public void discard(Lease lease, String contentId) {
        UserFileCount counter = files.lockCounter(lease.user());
        Upload upload = leased(lease);
        end(counter, upload, contentId);
    }

    @Override
    public void terminate(String user, String id) {
        UserFileCount counter = files.lockCounter(user);
        Upload upload = find(user, id, LockModeType.PESSIMISTIC_WRITE);
        if (upload.isLeased(LocalDateTime.now())) {
            throw new ProblemException(ProblemCode.TOO_MANY_REQUESTS, 423,
                    "a request is writing to this upload; try again when it has ended");
        }
        if (upload.getCompletedNode() != null) {
            em.remove(upload); // the file stays: it is the user's now
            return;
        }
        end(counter, upload, upload.getContentId());
        LOG.info(() -> "user " + user + " terminated upload " + id);
    }

    @Override
    public List<String> expired(LocalDateTime now, int max) {
        return em.createNamedQuery("Upload.expired", String.class).setParameter("now", now).setMaxResults(max)
                .getResultList();
    }

    @Override
    public boolean expire(String id, LocalDateTime now) {
        // the owner first (a plain read), so that the counter row is locked before the upload row, as everywhere
        List<String> owner = em.createQuery("select u.user from Upload u where u.id = :id", String.class)
                .setParameter("id", id).getResultList();
        if (owner.isEmpty()) {
            return false;
        }
        UserFileCount counter = files.lockCounter(owner.get(0));
        Upload upload = em.find(Upload.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (upload == null || !upload.getExpires().isBefore(now) || upload.isLeased(now)) {
            return false;
        }
        if (upload.getCompletedNode() != null) {
            em.remove(upload); // only the record of a finished upload: its content is a file's
            return true;
        }
        end(counter, upload, upload.getContentId());
        LOG.info(() -> "upload " + id + " of " + upload.getUser() + " expired");
        return true;
    }

    /** The upload row goes, its length leaves the usage, its content is deleted once this commits. */
    private void end(UserFileCount counter, Upload upload, String contentId) {
        quotas.unreserve(counter, upload.getLength());
        em.remove(upload);
        scheduleDeletion(contentId);
    }

    private void scheduleDeletion(String contentId) {
        deletions.schedule(contentId, NO_MD5);
        released.fire(new ContentReleased(NO_MD5, contentId));
    }

    /** The user's upload, unless it expired; not_found otherwise. */
    private Upload find(String user, String id, LockModeType lock) {
        Upload upload = id == null || !id.matches("[0-9a-f]{32}") ? null : em.find(Upload.class, id, lock);
        if (upload == null || !upload.getUser().equals(user) || !upload.getExpires().isAfter(LocalDateTime.now())) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "no such upload");
        }
        return upload;
    }

    /** The upload under this PATCH's lease; not_found when the lease was lost (the upload ended or moved on). */
    private Upload leased(Lease lease) {
        Upload upload = em.find(Upload.class, lease.uploadId(), LockModeType.PESSIMISTIC_WRITE);
        if (upload == null || !upload.isLeasedBy(lease.token(), LocalDateTime.now())) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "the upload ended while this request wrote to it");
        }
        return upload;
    }

    private static UploadStatus status(Upload upload) {
        return new UploadStatus(upload.getId(), upload.getOffset(), upload.getLength(), upload.getExpires());
    }

    private static Lease lease(Upload upload, String token) {
        return new Lease(upload.getId(), token, upload.getUser(), upload.getOffset(), upload.getLength(),
                upload.getDigestState(), upload.getContentId(), upload.getMd5(), upload.getFileName(),
                upload.getExpires(), upload.getCompletedNode());
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
