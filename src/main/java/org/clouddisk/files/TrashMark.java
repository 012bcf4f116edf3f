package org.clouddisk.files;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.LocalDateTime;

/**
 * Where a trashed file or folder came from and when it was trashed (columns trashed_from and trashed_at of
 * user_file_list and user_folder, V4__trash_quotas.sql). Outside the trash both columns are null, and JPA then loads
 * the embedded mark itself as null: a node is in the trash exactly when it has a mark. A folder's descendants carry
 * none; they are hidden through it.
 */
@Embeddable
public class TrashMark {

    @Column(name = "trashed_from")
    private Long trashedFrom;

    @Column(name = "trashed_at")
    private LocalDateTime trashedAt;

    protected TrashMark() {
    }

    TrashMark(long trashedFrom, LocalDateTime trashedAt) {
        this.trashedFrom = trashedFrom;
        this.trashedAt = trashedAt;
    }

    /** The folder the node was in, where a restore puts it back when that folder still lives. */
    public long trashedFrom() {
        return trashedFrom;
    }

    public LocalDateTime trashedAt() {
        return trashedAt;
    }
}
