package org.clouddisk.files;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A counter row of table user_file_count: a user's number of files, or, under {@link #SHARED_FILES}, the number
 * of publicly shared files. Locking a user's row serialises that user's changes.
 */
@Entity
@Table(name = "user_file_count")
@NamedQuery(name = "UserFileCount.byUser", query = "select c from UserFileCount c where c.user = :user")
// A user's usage (null before the first file) and own limit in one round trip, for the quota checks.
@NamedQuery(name = "UserFileCount.usageAndLimit", query = "select c.usedBytes, u.quotaBytes from UserInfo u"
        + " left join UserFileCount c on c.user = u.userName where u.userName = :user")
public class UserFileCount {

    /** The original's reserved name for the public share count; longer than any user name may be. */
    public static final String SHARED_FILES = "xxx_share_xxx_file_xxx_list_xxx_count_xxx";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user", nullable = false, unique = true, length = 64)
    private String user;

    @Column(name = "count", nullable = false)
    private int count;

    /** The sizes of the user's files added up, trash and unfinished uploads included (API.md, "Quotas"). */
    @Column(name = "used_bytes", nullable = false)
    private long usedBytes;

    protected UserFileCount() {
    }

    UserFileCount(String user) {
        this.user = user;
    }

    public String getUser() {
        return user;
    }

    public int getCount() {
        return count;
    }

    public void add(int delta) {
        count += delta;
    }

    public long getUsedBytes() {
        return usedBytes;
    }

    /** Bytes counted in the usage without a file: an unfinished upload's declared length (negative: given back). */
    void addBytes(long bytes) {
        usedBytes += bytes;
    }

    /** One file more or less, of this size (negative when it goes). */
    void addFile(int delta, long bytes) {
        count += delta;
        usedBytes += delta * bytes;
    }
}
