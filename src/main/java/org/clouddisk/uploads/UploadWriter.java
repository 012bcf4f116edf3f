package org.clouddisk.uploads;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.storage.AppendableContentStore;
import org.clouddisk.storage.ContentMissingException;
import org.clouddisk.web.FileNames;

import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes one PATCH's bytes (or a creation-with-upload's) into the upload's appendable content, under the upload's
 * lease, so one request at a time writes to an upload whichever node it reaches.
 *
 * <p>The body is read in chunks of {@value #CHUNK} bytes; each whole chunk is appended to the store, then digested.
 * The offset and MD5 state saved with the upload therefore always describe bytes the store holds: every
 * {@value #CHUNKS_PER_SAVE} chunks, and when the body ends or the client goes away (what it sent until then is kept).
 * A store failure part way through an append is rolled back with a truncate to the last good offset. Bytes the store
 * holds beyond the saved offset (a node that died between an append and its save) are cut off when the next PATCH
 * takes the lease, before it writes.
 */
@ApplicationScoped
public class UploadWriter {

    private static final Logger LOG = Logger.getLogger(UploadWriter.class.getName());
    static final int CHUNK = 1 << 20;
    static final int CHUNKS_PER_SAVE = 16;
    /** A lease is renewed before an append once a third of it has passed, so it never lapses while a PATCH writes. */
    private static final long RENEW_AFTER_NANOS = DefaultUploadService.LEASE.toNanos() / 3;

    @EJB
    UploadService uploads;

    @Inject
    AppendableContentStore store;

    /** Where the upload stands after the request; {@code nodeId} is the new file's when the request completed it. */
    public record Written(long offset, String nodeId) {
    }

    /**
     * Appends the body at {@code clientOffset} (which must be the upload's offset) and completes the upload when the
     * body reaches its length.
     *
     * @param declaredLength the body's Content-Length, or -1 when it is sent chunked
     */
    public Written write(String user, String id, long clientOffset, InputStream body, long declaredLength)
            throws IOException {
        UploadService.Lease lease = Conflicts.retry(() -> uploads.lease(user, id, clientOffset));
        if (lease.completedNode() != null) {
            // a client's closing request after the completing one (the official Java client sends an empty PATCH)
            if (body.read() >= 0) {
                throw new ProblemException(ProblemCode.INVALID, "the upload is complete: no more bytes");
            }
            return new Written(lease.length(), lease.completedNode());
        }
        boolean ended = false;
        try {
            long room = lease.length() - lease.offset();
            if (declaredLength > room) {
                throw new ProblemException(ProblemCode.INVALID, "the body has " + declaredLength + " bytes; only "
                        + room + " remain to Upload-Length");
            }
            requireStoreAt(lease);
            Progress progress = append(lease, body);
            if (progress.offset < lease.length()) {
                return new Written(progress.offset, null);
            }
            ended = true;
            return complete(lease, progress);
        } finally {
            if (!ended) {
                try {
                    uploads.endLease(lease);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "lease of upload {0} not given back (it lapses by itself): {1}",
                            new Object[]{id, e.toString()});
                }
            }
        }
    }

    /** The bytes saved so far and the digest after them. */
    private static final class Progress {
        long offset;
        final MD5Digest md5;
        long renewedAt = System.nanoTime();

        Progress(long offset, MD5Digest md5) {
            this.offset = offset;
            this.md5 = md5;
        }
    }

    /**
     * The store must hold exactly the saved bytes: more are cut off (an append whose save never came), fewer mean the
     * store lost acknowledged bytes, and the upload cannot continue (410 gone, its row and content removed).
     */
    private void requireStoreAt(UploadService.Lease lease) throws IOException {
        long held = heldBytes(lease);
        if (held > lease.offset()) {
            LOG.info(() -> "upload " + lease.uploadId() + ": cutting " + (held - lease.offset())
                    + " unsaved bytes off its content");
            store.truncate(lease.contentId(), lease.offset());
        } else if (held < lease.offset()) {
            LOG.warning(() -> "upload " + lease.uploadId() + ": the store holds " + held + " of its "
                    + lease.offset() + " acknowledged bytes; ending it");
            Conflicts.retry(() -> uploads.discard(lease, lease.contentId()));
            throw new ProblemException(ProblemCode.GONE, "the upload's bytes were lost; start it again");
        }
    }

    private long heldBytes(UploadService.Lease lease) throws IOException {
        try {
            return store.length(lease.contentId());
        } catch (ContentMissingException e) {
            return -1;
        }
    }

    private Progress append(UploadService.Lease lease, InputStream body) throws IOException {
        Progress p = new Progress(lease.offset(), new MD5Digest(lease.digestState()));
        byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(1, lease.length() - lease.offset()))];
        int unsaved = 0;
        long savedOffset = p.offset;
        IOException clientGone = null;
        while (p.offset < lease.length()) {
            int want = (int) Math.min(buffer.length, lease.length() - p.offset);
            int n = 0;
            try {
                while (n < want) {
                    int r = body.read(buffer, n, want - n);
                    if (r < 0) {
                        break;
                    }
                    n += r;
                }
            } catch (IOException e) {
                clientGone = e; // what arrived before is the client's all the same: keep it
            }
            if (n > 0) {
                renewIfDue(lease, p);
                try {
                    store.append(lease.contentId(), p.offset, buffer, n);
                } catch (IOException e) {
                    rollBack(lease, p.offset);
                    save(lease, p);
                    throw e;
                }
                p.md5.update(buffer, 0, n);
                p.offset += n;
                if (++unsaved >= CHUNKS_PER_SAVE) {
                    save(lease, p);
                    savedOffset = p.offset;
                    unsaved = 0;
                }
            }
            if (clientGone != null || n < want) {
                break;
            }
        }
        if (clientGone == null && p.offset == lease.length() && body.read() >= 0) {
            // more bytes than Upload-Length: this request's unsaved part is undone, the saved part stays
            rollBack(lease, savedOffset);
            throw new ProblemException(ProblemCode.INVALID, "the body passes Upload-Length " + lease.length()
                    + "; its bytes after offset " + savedOffset + " are not kept");
        }
        save(lease, p);
        if (clientGone != null) {
            LOG.info(() -> "upload " + lease.uploadId() + ": the client went away at offset " + p.offset
                    + "; the bytes up to it are kept");
        }
        return p;
    }

    private void renewIfDue(UploadService.Lease lease, Progress p) {
        long now = System.nanoTime();
        if (now - p.renewedAt > RENEW_AFTER_NANOS) {
            if (!Conflicts.retry(() -> uploads.renew(lease))) {
                throw lost(lease);
            }
            p.renewedAt = now;
        }
    }

    private void save(UploadService.Lease lease, Progress p) {
        if (!Conflicts.retry(() -> uploads.save(lease, p.offset, p.md5.getEncodedState()))) {
            throw lost(lease);
        }
        p.renewedAt = System.nanoTime();
    }

    /** Cuts a failed append back; when even that fails, the next PATCH cuts it (requireStoreAt). */
    private void rollBack(UploadService.Lease lease, long offset) {
        try {
            store.truncate(lease.contentId(), offset);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "upload {0}: could not cut its content back to {1} now: {2}",
                    new Object[]{lease.uploadId(), offset, e.toString()});
        }
    }

    private static ProblemException lost(UploadService.Lease lease) {
        return new ProblemException(ProblemCode.TOO_MANY_REQUESTS, 423, "upload " + lease.uploadId()
                + " was taken over by another request while this one was writing");
    }

    /**
     * All bytes are in: the md5 is checked (a mismatch ends the upload, nothing kept), the content sealed into an
     * ordinary file (a rename, whatever the size) and recorded as /upload records files.
     */
    private Written complete(UploadService.Lease lease, Progress p) throws IOException {
        byte[] digest = new byte[16];
        p.md5.doFinal(digest, 0);
        String md5 = HexFormat.of().formatHex(digest);
        if (lease.md5() != null && !lease.md5().equals(md5)) {
            Conflicts.retry(() -> uploads.discard(lease, lease.contentId()));
            throw new ProblemException(ProblemCode.INVALID, 409, "declared md5 " + lease.md5() + ", received " + md5
                    + "; the upload is discarded");
        }
        String fileId;
        try {
            fileId = store.seal(lease.contentId(), FileNames.storeExtension(lease.fileName()));
        } catch (IOException | RuntimeException e) {
            endLeaseQuietly(lease); // complete again with an empty PATCH at the full offset
            throw e;
        }
        try {
            UploadService.Completed done = Conflicts.retry(() -> uploads.complete(lease, md5, fileId));
            return new Written(lease.length(), done.nodeId());
        } catch (RuntimeException e) {
            // the appendable id is gone now: the upload cannot continue; end it and its sealed content
            try {
                Conflicts.retry(() -> uploads.discard(lease, fileId));
            } catch (RuntimeException notEnded) {
                LOG.log(Level.SEVERE, "upload " + lease.uploadId() + " could not be recorded nor ended; sealed content "
                        + fileId + " is left for the reconciliation", notEnded);
            }
            throw e;
        }
    }

    private void endLeaseQuietly(UploadService.Lease lease) {
        try {
            uploads.endLease(lease);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lease of upload {0} not given back: {1}", new Object[]{lease.uploadId(), e});
        }
    }
}
