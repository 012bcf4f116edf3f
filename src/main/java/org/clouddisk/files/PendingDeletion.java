package org.clouddisk.files;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.LocalDateTime;

/** Content to delete from the store (table pending_deletion), kept until the store confirms. */
@Entity
@Table(name = "pending_deletion")
@NamedQuery(name = "PendingDeletion.due",
        query = "select p.id from PendingDeletion p where p.nextAttempt <= :now order by p.nextAttempt")
@NamedQuery(name = "PendingDeletion.byFileId", query = "select p from PendingDeletion p where p.fileId = :fileId")
@NamedQuery(name = "PendingDeletion.fileIds", query = "select p.fileId from PendingDeletion p")
public class PendingDeletion {

    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "file_id", nullable = false, unique = true)
    private String fileId;

    @Column(name = "md5", nullable = false, length = 32)
    private String md5;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "next_attempt", nullable = false)
    private LocalDateTime nextAttempt;

    @Column(name = "create_time", nullable = false)
    private LocalDateTime createTime;

    protected PendingDeletion() {
    }

    PendingDeletion(String fileId, String md5, LocalDateTime now) {
        this.fileId = fileId;
        this.md5 = md5;
        this.nextAttempt = now;
        this.createTime = now;
    }

    public String getFileId() {
        return fileId;
    }

    public String getMd5() {
        return md5;
    }

    public int getAttempts() {
        return attempts;
    }

    /** A failed attempt: the next one waits twice as long as the last, up to an hour. */
    void failed(LocalDateTime now) {
        attempts++;
        long seconds = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(attempts + 2, 20));
        nextAttempt = now.plusSeconds(seconds);
    }
}
