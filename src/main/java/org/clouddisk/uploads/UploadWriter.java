package org.clouddisk.uploads;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
 * <p>A body whose length is known (Content-Length, as tus clients send it) streams into the store: its bytes go to
 * one append per {@value #SAVE_EVERY} bytes (one per PATCH for the usual chunk sizes) as they arrive, digested as
 * they pass, so receiving, storing and digesting go on together. A body sent chunked, of unknown length, is read in
 * pieces of {@value #PIECE} bytes, each appended whole. The offset and MD5 state saved with the upload always
 * describe bytes the store holds: after each {@value #SAVE_EVERY} bytes, and when the body ends or the client goes
 * away (the store keeps exactly what arrived until then; see {@link AppendableContentStore#append}). A store failure
 * part way through an append is rolled back with a truncate to where the append began, and the digest with it.
 * Bytes the store holds beyond the saved offset (a node that died between an append and its save) are cut off when
 * the next PATCH takes the lease, before it writes.
 *
 * <p>What a PATCH costs besides its bytes: the lease (one transaction), one store lookup and length check (the
 * store's {@link AppendableContentStore.Appender} serves the whole request), one append per {@value #SAVE_EVERY}
 * bytes (per piece when chunked), and the last save together with giving the lease back (one transaction); a body
 * over {@value #SAVE_EVERY} bytes adds a save per {@value #SAVE_EVERY} bytes.
 */
@ApplicationScoped
public class UploadWriter {

    private static final Logger LOG = Logger.getLogger(UploadWriter.class.getName());
    /**
     * A chunked body's pieces are held in memory before their append (the store must be told an append's length
     * first). 4 MiB per concurrent chunked PATCH keeps a server whose heap is 512 MiB far from its limit.
     */
    static final int PIECE = 4 << 20;
    /**
     * The longest streamed append, and at most this many bytes are appended but not yet acknowledged by a save:
     * what a node that dies mid-PATCH, or a storage that drops a connection whose client paused, makes the client
     * send again. Saving is a transaction, so not after every piece.
     */
    static final long SAVE_EVERY = 64L << 20;
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
            AppendableContentStore.Appender content = store.openAppender(lease.contentId());
            requireStoreAt(lease, content);
            Progress progress = append(lease, content, body, declaredLength);
            if (progress.offset < lease.length()) {
                ended = true; // append's last save gave the lease back in the same transaction
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
        final ResumableMd5 md5;
        long renewedAt = System.nanoTime();

        Progress(long offset, ResumableMd5 md5) {
            this.offset = offset;
            this.md5 = md5;
        }
    }

    /**
     * The store must hold exactly the saved bytes: more are cut off (an append whose save never came), fewer mean the
     * store lost acknowledged bytes, and the upload cannot continue (410 gone, its row and content removed).
     */
    private void requireStoreAt(UploadService.Lease lease, AppendableContentStore.Appender content)
            throws IOException {
        long held = heldBytes(content);
        if (held > lease.offset()) {
            LOG.info(() -> "upload " + lease.uploadId() + ": cutting " + (held - lease.offset())
                    + " unsaved bytes off its content");
            content.truncate(lease.offset());
        } else if (held < lease.offset()) {
            LOG.warning(() -> "upload " + lease.uploadId() + ": the store holds " + held + " of its "
                    + lease.offset() + " acknowledged bytes; ending it");
            Conflicts.retry(() -> uploads.discard(lease, lease.contentId()));
            throw new ProblemException(ProblemCode.GONE, "the upload's bytes were lost; start it again");
        }
    }

    private static long heldBytes(AppendableContentStore.Appender content) throws IOException {
        try {
            return content.length();
        } catch (ContentMissingException e) {
            return -1;
        }
    }

    /**
     * Appends the body and saves the progress; when the upload is not complete after it, the last save also gives
     * the lease back.
     */
    private Progress append(UploadService.Lease lease, AppendableContentStore.Appender content, InputStream body,
                            long declaredLength) throws IOException {
        Progress p = new Progress(lease.offset(), ResumableMd5.restore(lease.digestState()));
        ClientBody source = new ClientBody(body, lease, p);
        long end = declaredLength >= 0 ? lease.offset() + declaredLength : lease.length();
        byte[] piece = declaredLength >= 0 ? null : new byte[(int) Math.min(PIECE, Math.max(1, end - p.offset))];
        long savedOffset = p.offset;
        while (p.offset < end && !source.ended) {
            ResumableMd5 digestBefore = p.md5.copy();
            long appended;
            try {
                appended = piece == null
                        ? content.append(p.offset, source, Math.min(SAVE_EVERY, end - p.offset))
                        : appendPiece(content, p.offset, source, piece, end - p.offset);
            } catch (IOException e) {
                // the store failed: neither its bytes since p.offset nor their digest are the upload's
                p.md5.restoreFrom(digestBefore);
                rollBack(lease, content, p.offset);
                save(lease, p);
                throw e;
            }
            p.offset += appended;
            if (p.offset - savedOffset >= SAVE_EVERY) {
                save(lease, p);
                savedOffset = p.offset;
            }
        }
        if (!source.ended && p.offset == lease.length() && body.read() >= 0) {
            // more bytes than Upload-Length: this request's unsaved part is undone, the saved part stays
            rollBack(lease, content, savedOffset);
            throw new ProblemException(ProblemCode.INVALID, "the body passes Upload-Length " + lease.length()
                    + "; its bytes after offset " + savedOffset + " are not kept");
        }
        if (p.offset < lease.length()) {
            if (!Conflicts.retry(() -> uploads.saveAndEndLease(lease, p.offset, p.md5.encodedState()))) {
                throw lost(lease);
            }
        } else {
            save(lease, p); // the lease stays for the completion
        }
        if (source.failure != null || (declaredLength >= 0 && p.offset < end)) {
            LOG.info(() -> "upload " + lease.uploadId() + ": the client went away at offset " + p.offset
                    + (source.failure == null ? "" : " (" + source.failure + ")") + "; the bytes up to it are kept");
        }
        return p;
    }

    /** A chunked body's next piece, read whole, then appended: answers its length (0 at the body's end). */
    private static int appendPiece(AppendableContentStore.Appender content, long offset, InputStream source,
                                   byte[] piece, long room) throws IOException {
        int n = source.readNBytes(piece, 0, (int) Math.min(piece.length, room));
        if (n > 0) {
            content.append(offset, piece, n);
        }
        return n;
    }

    /**
     * The request's body as the store reads it: every byte digested as it passes, the lease renewed when due (an
     * append of {@value #SAVE_EVERY} bytes from a slow client may outlast it), and a client that goes away taken as
     * the body's end, so that the store keeps what arrived until then; its failure is kept for the log.
     */
    private final class ClientBody extends InputStream {
        private final InputStream body;
        private final UploadService.Lease lease;
        private final Progress progress;
        boolean ended;
        IOException failure;

        ClientBody(InputStream body, UploadService.Lease lease, Progress progress) {
            this.body = body;
            this.lease = lease;
            this.progress = progress;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (ended) {
                return -1;
            }
            int n;
            try {
                n = body.read(b, off, len);
            } catch (IOException e) {
                failure = e;
                n = -1;
            }
            if (n < 0) {
                ended = true;
                return -1;
            }
            progress.md5.update(b, off, n);
            renewIfDue(lease, progress);
            return n;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
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
        if (!Conflicts.retry(() -> uploads.save(lease, p.offset, p.md5.encodedState()))) {
            throw lost(lease);
        }
        p.renewedAt = System.nanoTime();
    }

    /** Cuts a failed append back; when even that fails, the next PATCH cuts it (requireStoreAt). */
    private void rollBack(UploadService.Lease lease, AppendableContentStore.Appender content, long offset) {
        try {
            content.truncate(offset);
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
        String md5 = HexFormat.of().formatHex(p.md5.digest());
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
