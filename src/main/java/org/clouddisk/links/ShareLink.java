package org.clouddisk.links;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** A share link (table share_link): one node of its owner, as the API names it, with its limits and counts. */
@Entity
@Table(name = "share_link")
@NamedQuery(name = "ShareLink.ofUser", query = "select l from ShareLink l where l.user = :user"
        + " order by l.createTime desc, l.id")
@NamedQuery(name = "ShareLink.countOfUser", query = "select count(l) from ShareLink l where l.user = :user")
@NamedQuery(name = "ShareLink.revoke",
        query = "update ShareLink l set l.revoked = true where l.id = :id and l.user = :user")
// The decision and the count in one statement: concurrent downloads serialise on the row, and each re-reads the
// count another one committed, so downloads never passes max_downloads.
@NamedQuery(name = "ShareLink.countDownload", query = "update ShareLink l set l.downloads = l.downloads + 1"
        + " where l.id = :id and l.revoked = false and (l.maxDownloads is null or l.downloads < l.maxDownloads)"
        + " and (l.expiresAt is null or l.expiresAt > :now)")
public class ShareLink {

    @Id
    @Column(name = "id", length = 32)
    private String id;

    @Column(name = "user", nullable = false, length = 32)
    private String user;

    @Column(name = "node_id", nullable = false, length = 24)
    private String nodeId;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "expires_at")
    private LocalDateTime expiresAt;

    @Column(name = "max_downloads")
    private Integer maxDownloads;

    @Column(name = "downloads", nullable = false)
    private int downloads;

    @Column(name = "revoked", nullable = false)
    private boolean revoked;

    @Column(name = "create_time", nullable = false)
    private LocalDateTime createTime;

    protected ShareLink() {
    }

    public ShareLink(String id, String user, String nodeId, String passwordHash, LocalDateTime expiresAt,
                     Integer maxDownloads, LocalDateTime createTime) {
        this.id = id;
        this.user = user;
        this.nodeId = nodeId;
        this.passwordHash = passwordHash;
        this.expiresAt = expiresAt;
        this.maxDownloads = maxDownloads;
        this.createTime = createTime;
    }

    public String getId() {
        return id;
    }

    public String getUser() {
        return user;
    }

    public String getNodeId() {
        return nodeId;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean hasPassword() {
        return passwordHash != null;
    }

    public LocalDateTime getExpiresAt() {
        return expiresAt;
    }

    public Integer getMaxDownloads() {
        return maxDownloads;
    }

    public int getDownloads() {
        return downloads;
    }

    public boolean isRevoked() {
        return revoked;
    }

    public LocalDateTime getCreateTime() {
        return createTime;
    }

    /** What the link's own row says of it now (the node's state is the drive's). */
    LinkState state(LocalDateTime now) {
        if (revoked) {
            return LinkState.REVOKED;
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            return LinkState.EXPIRED;
        }
        if (maxDownloads != null && downloads >= maxDownloads) {
            return LinkState.USED_UP;
        }
        return LinkState.ACTIVE;
    }
}
