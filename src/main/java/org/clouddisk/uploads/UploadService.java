package org.clouddisk.uploads;

import java.time.LocalDateTime;
import java.util.List;

/**
 * Unfinished uploads in the database. Each method is one container-managed transaction; the ones that change a
 * user's counter row run through {@code Conflicts.retry}. An upload of another user, or one that expired, is
 * {@code not_found}, never a hint that it exists.
 */
public interface UploadService {

    /**
     * Records a new upload whose empty appendable content is {@code contentId}, with {@code length} bytes counted in
     * the user's usage from now on: {@code quota_exceeded} when they do not fit, {@code not_found} when the folder
     * is not a live folder of the user's.
     */
    UploadStatus create(String user, NewUpload declared, String contentId, byte[] emptyDigestState);

    /** Where the upload stands, for HEAD. */
    UploadStatus status(String user, String id);

    /**
     * Takes the upload's write lease for one PATCH: {@code 423} while another PATCH holds it, {@code 409} when
     * {@code clientOffset} is not the acknowledged offset.
     */
    Lease lease(String user, String id, long clientOffset);

    /** Extends the lease; false when it was lost (it lapsed and another PATCH took it, or the upload is gone). */
    boolean renew(Lease lease);

    /**
     * Saves the acknowledged offset and the MD5 state after exactly those bytes, and extends the upload's expiry and
     * the lease; false when the lease was lost (then nothing is saved).
     */
    boolean save(Lease lease, long offset, byte[] digestState);

    /** Gives the lease back (when it is still this PATCH's). */
    void endLease(Lease lease);

    /**
     * {@link #save} and {@link #endLease} in one transaction, for the end of a PATCH that did not complete the
     * upload; false when the lease was lost (then nothing is saved).
     */
    boolean saveAndEndLease(Lease lease, long offset, byte[] digestState);

    /**
     * Completes the upload whose bytes were sealed as {@code fileId}: records the file as /upload does (into its
     * folder, or root when that folder is gone; a taken name gets " (1)"), gives the reservation back, deletes the
     * upload. Answers the new file's node id and whether {@code fileId}'s copy was kept.
     */
    Completed complete(Lease lease, String md5, String fileId);

    /**
     * Ends an upload under its lease and deletes its content ({@code contentId}: the appendable or, once sealed, the
     * ordinary id): an md5 that did not match, content the store lost.
     */
    void discard(Lease lease, String contentId);

    /**
     * DELETE: ends the upload and deletes its bytes; {@code 423} while a PATCH writes. A completed upload's row just
     * goes (its content is the file's).
     */
    void terminate(String user, String id);

    /** Ids of uploads whose expiry passed, oldest first. */
    List<String> expired(LocalDateTime now, int max);

    /** Ends an expired upload (unless a PATCH holds its lease): true when it was ended. */
    boolean expire(String id, LocalDateTime now);

    /** What a POST declared. */
    record NewUpload(String folderId, String name, long length, String md5) {
    }

    /** An upload as HEAD and POST answer it. */
    record UploadStatus(String id, long offset, long length, LocalDateTime expires) {
    }

    /**
     * One PATCH's hold on an upload, with the upload as the lease found it; {@code completedNode} is set (and no lease
     * taken) when the upload is complete already: only an empty PATCH at its full length is then answered, with it.
     */
    record Lease(String uploadId, String token, String user, long offset, long length, byte[] digestState,
                 String contentId, String md5, String fileName, LocalDateTime expires, String completedNode) {
    }

    /** A completed upload: the new file's node id; {@code copyKept} false when the content was held already. */
    record Completed(String nodeId, boolean copyKept) {
    }
}
