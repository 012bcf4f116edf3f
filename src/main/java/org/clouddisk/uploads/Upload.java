package org.clouddisk.uploads;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** An unfinished resumable upload (table upload, V6__uploads.sql). */
@Entity
@Table(name = "upload")
@NamedQuery(name = "Upload.expired", query = "select u.id from Upload u where u.expires < :now order by u.expires")
public class Upload {

    @Id
    @Column(name = "id", length = 32)
    private String id;

    @Column(name = "user", nullable = false, length = 32)
    private String user;

    @Column(name = "folder_id", nullable = false)
    private long folderId;

    @Column(name = "file_name", nullable = false, length = 255)
    private String fileName;

    @Column(name = "upload_length", nullable = false)
    private long length;

    @Column(name = "upload_offset", nullable = false)
    private long offset;

    @Column(name = "md5", length = 32)
    private String md5;

    @Column(name = "digest_state", nullable = false, length = 512)
    private byte[] digestState;

    @Column(name = "content_id", nullable = false, length = 255)
    private String contentId;

    @Column(name = "created", nullable = false)
    private LocalDateTime created;

    @Column(name = "expires", nullable = false)
    private LocalDateTime expires;

    @Column(name = "lease_token", length = 32)
    private String leaseToken;

    @Column(name = "lease_until")
    private LocalDateTime leaseUntil;

    @Column(name = "completed_node", length = 32)
    private String completedNode;

    protected Upload() {
    }

    Upload(String id, String user, long folderId, String fileName, long length, String md5, byte[] digestState,
           String contentId, LocalDateTime created, LocalDateTime expires) {
        this.id = id;
        this.user = user;
        this.folderId = folderId;
        this.fileName = fileName;
        this.length = length;
        this.md5 = md5;
        this.digestState = digestState;
        this.contentId = contentId;
        this.created = created;
        this.expires = expires;
    }

    String getId() {
        return id;
    }

    String getUser() {
        return user;
    }

    long getFolderId() {
        return folderId;
    }

    String getFileName() {
        return fileName;
    }

    long getLength() {
        return length;
    }

    long getOffset() {
        return offset;
    }

    String getMd5() {
        return md5;
    }

    byte[] getDigestState() {
        return digestState;
    }

    String getContentId() {
        return contentId;
    }

    LocalDateTime getExpires() {
        return expires;
    }

    /** The file this upload became, or null while it is unfinished. */
    String getCompletedNode() {
        return completedNode;
    }

    /**
     * The upload became the file {@code nodeId} from the sealed content {@code fileId} (the file's, or deleted when the
     * server held that content already): the row stays until {@code until} only to answer HEAD and a closing empty
     * PATCH, and counts in nothing.
     */
    void completed(String nodeId, String fileId, LocalDateTime until) {
        completedNode = nodeId;
        contentId = fileId;
        offset = length;
        expires = until;
        endLease();
    }

    /** Whether a PATCH holds the lease at {@code now}. */
    boolean isLeased(LocalDateTime now) {
        return leaseToken != null && leaseUntil != null && leaseUntil.isAfter(now);
    }

    boolean isLeasedBy(String token, LocalDateTime now) {
        return token.equals(leaseToken) && isLeased(now);
    }

    void lease(String token, LocalDateTime until) {
        leaseToken = token;
        leaseUntil = until;
    }

    void endLease() {
        leaseToken = null;
        leaseUntil = null;
    }

    void progress(long newOffset, byte[] newDigestState, LocalDateTime newExpires) {
        offset = newOffset;
        digestState = newDigestState;
        expires = newExpires;
    }
}
