package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.clouddisk.account.AccountService;
import org.clouddisk.account.TokenRejectedException;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.platform.Dialect;
import org.clouddisk.storage.ContentStore;
import org.clouddisk.web.FileNames;
import org.clouddisk.web.InvalidRequestException;

import java.io.IOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Decides an upload whose declarations were read: authorises it, streams its content into the store through an MD5
 * digest, and records it only when size, end and MD5 match what was declared. On any failure the stored content is
 * deleted again, so a failed upload leaves no row and no file.
 *
 * <p>An upload acts for its user with that user's token; in the classic dialect, whose client sends none, with the
 * single-use permit its /md5 question earned ({@link UploadPermits}), which a failed upload gives back.
 */
@ApplicationScoped
public class UploadReceiver {

    private static final Logger LOG = Logger.getLogger(UploadReceiver.class.getName());

    @Inject
    AccountService accounts;

    @Inject
    FileService files;

    @Inject
    Quotas quotas;

    @Inject
    ContentStore store;

    @Inject
    UploadMetrics metrics;

    @Inject
    UploadPermits permits;

    @Inject
    ContentDeletions deletions;

    /** Answers how the upload was recorded; throws on anything that makes it fail. */
    UploadOutcome receive(UploadBody body, Dialect dialect) throws IOException {
        DeclaredUpload claimed = body.declared();
        Optional<Instant> permit = authorise(claimed, dialect);
        try {
            body.learnSize();
            DeclaredUpload d = body.declared();
            requireRoom(d);
            UploadOutcome outcome = storeAndRecord(body);
            if (outcome == UploadOutcome.QUOTA_EXCEEDED) {
                throw new QuotaExceededException(d.user(), d.size()); // a concurrent upload took the room first
            }
            metrics.uploaded(outcome, d.size());
            return outcome;
        } catch (IOException | RuntimeException e) {
            permit.ifPresent(expires -> giveBack(claimed.permitSubject(), expires));
            throw e;
        }
    }

    /** The token's check, or, for a classic client without one, the claimed permit's expiry. */
    private Optional<Instant> authorise(DeclaredUpload d, Dialect dialect) {
        if (d.token() != null || dialect != Dialect.CLASSIC) {
            accounts.requireToken(d.user(), d.token());
            return Optional.empty();
        }
        Optional<Instant> permit = permits.claim(d.permitSubject());
        if (permit.isEmpty()) {
            LOG.info(() -> "token-less upload for " + d.user() + " refused: no upload permit for " + d.md5());
            throw new TokenRejectedException();
        }
        return permit;
    }

    /** Before any byte is read; recording checks again under the user's lock, so parallel uploads never overshoot. */
    private void requireRoom(DeclaredUpload d) {
        if (!quotas.hasRoomFor(d.user(), d.size())) {
            throw new QuotaExceededException(d.user(), d.size());
        }
    }

    private void giveBack(UploadPermits.Subject subject, Instant expires) {
        try {
            permits.restore(subject, expires);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not give back the upload permit of a failed upload: {0}", e.toString());
        }
    }

    private UploadOutcome storeAndRecord(UploadBody body) throws IOException {
        DeclaredUpload d = body.declared();
        MessageDigest md5 = newMd5();
        String fileId = store.store(new DigestInputStream(body.content(), md5), d.size(), FileNames.storeExtension(d.fileName()));
        UploadOutcome outcome;
        try {
            body.checkEnd();
            String actual = HexFormat.of().formatHex(md5.digest());
            if (!actual.equals(d.md5())) {
                throw new InvalidRequestException("declared md5 " + d.md5() + ", received " + actual);
            }
            outcome = Conflicts.retry(() -> files.recordUpload(d.user(), d.md5(), d.fileName(), d.size(), fileId));
        } catch (IOException | RuntimeException e) {
            discardUnlessRecorded(fileId, d.md5());
            throw e;
        }
        if (outcome != UploadOutcome.NEW_CONTENT) {
            discard(fileId, d.md5()); // the server already held this content: the fresh copy is redundant
        }
        return outcome;
    }

    /**
     * After a failed recording: a commit whose answer was lost may still have recorded the row, so the copy goes
     * only when no row references it; when that cannot be known (database down) it stays, and the reconciliation
     * reports it if nothing references it. A missing content would be worse than an orphan.
     */
    private void discardUnlessRecorded(String fileId, String md5) {
        try {
            if (files.content(fileId).isPresent()) {
                LOG.warning(() -> "the upload's recording failed after it committed; keeping " + fileId);
                return;
            }
        } catch (RuntimeException unknown) {
            LOG.log(Level.SEVERE, "cannot tell whether content " + fileId + " was recorded; keeping it", unknown);
            return;
        }
        discard(fileId, md5);
    }

    /** Deletes a copy no row references; when the store cannot take it now, the deletion is retried later. */
    private void discard(String fileId, String md5) {
        try {
            store.delete(fileId);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not delete unreferenced content {0} now, scheduling it: {1}",
                    new Object[]{fileId, e.toString()});
            try {
                deletions.scheduleNow(fileId, md5);
            } catch (RuntimeException notRecorded) {
                LOG.log(Level.SEVERE, "content " + fileId + " is left in the store unreferenced", notRecorded);
            }
        }
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
