package org.clouddisk.files;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/**
 * A folder of a user's drive (table user_folder): a row naming its parent folder, so that moving or renaming it
 * changes this row only. A user's root has parent {@link #NO_PARENT} and the empty name.
 */
@Entity
@Table(name = "user_folder")
@NamedQuery(name = "Folder.root", query = "select f from Folder f where f.user = :user and f.parentId = 0")
@NamedQuery(name = "Folder.ofUser", query = "select f from Folder f where f.id = :id and f.user = :user")
@NamedQuery(name = "Folder.liveOfUser", query = Folder.LIVE_CHAIN)
@NamedQuery(name = "Folder.liveWithin",
        query = Folder.LIVE_CHAIN + " and exists (select 1 from up u where u.id = :top)")
@NamedQuery(name = "Folder.trashOf", query = "select f from Folder f where f.user = :user"
        + " and f.trash.trashedAt is not null order by f.trash.trashedAt desc, f.id desc")
@NamedQuery(name = "Folder.trashCount",
        query = "select count(f) from Folder f where f.user = :user and f.trash.trashedAt is not null")
@NamedQuery(name = "Folder.countFiles",
        query = "update Folder f set f.fileCount = f.fileCount + :change where f.id = :id")
@NamedQuery(name = "Folder.rootFileCount", query = "select f.fileCount from Folder f where f.user = :user"
        + " and f.parentId = 0 and f.name = ''")
@NamedQuery(name = "Folder.trashedBefore",
        query = "select distinct f.user from Folder f where f.trash.trashedAt < :cutoff")
public class Folder {

    /**
     * The user's folder {@code :id} when neither it nor a folder above it is trashed: one statement walks up the
     * chain (a recursive table expression, WITH RECURSIVE on MariaDB and H2) as {@code up}, which a caller's extra
     * condition may also ask.
     */
    static final String LIVE_CHAIN = "with up as (select a.id as id, a.parentId as parentId,"
            + " a.trash.trashedAt as trashedAt from Folder a where a.id = :id and a.user = :user union all select p.id,"
            + " p.parentId, p.trash.trashedAt from Folder p join up u on p.id = u.parentId) select f from Folder f"
            + " where f.id = :id and f.user = :user and not exists (select 1 from up u where u.trashedAt is not null)";

    /** The parent id of a root folder. */
    public static final long NO_PARENT = 0;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user", nullable = false, length = 32)
    private String user;

    @Column(name = "parent_id", nullable = false)
    private long parentId;

    @Column(name = "name", nullable = false)
    private String name;

    @Column(name = "create_time", nullable = false)
    private LocalDateTime createTime;

    @Column(name = "modify_time", nullable = false)
    private LocalDateTime modifyTime;

    /** Null outside the trash. */
    @Embedded
    private TrashMark trash;

    /** The files directly in it: changed by {@link FolderCounts}' updates only, never written from here. */
    @Column(name = "file_count", nullable = false, insertable = false, updatable = false)
    private int fileCount;

    protected Folder() {
    }

    public Folder(String user, long parentId, String name, LocalDateTime time) {
        this.user = user;
        this.parentId = parentId;
        this.name = name;
        this.createTime = time;
        this.modifyTime = time;
    }

    public Long getId() {
        return id;
    }

    public String getUser() {
        return user;
    }

    public long getParentId() {
        return parentId;
    }

    /** The files directly in it when the row was read. */
    public int getFileCount() {
        return fileCount;
    }

    public boolean isRoot() {
        return parentId == NO_PARENT;
    }

    public String getName() {
        return name;
    }

    public LocalDateTime getCreateTime() {
        return createTime;
    }

    public LocalDateTime getModifyTime() {
        return modifyTime;
    }

    /** Renames and/or moves the folder (its subtree follows, as it names its parents by id). */
    public void place(long parentId, String name, LocalDateTime time) {
        this.parentId = parentId;
        this.name = name;
        this.modifyTime = time;
    }

    public boolean isTrashed() {
        return trash != null;
    }

    /** Where and when it was trashed; null outside the trash. */
    public TrashMark getTrash() {
        return trash;
    }

    /** Puts the folder, with its subtree, in the trash: it leaves its parent for a parent of its own. */
    public void trash(LocalDateTime time) {
        trash = new TrashMark(parentId, time);
        parentId = -id;
    }

    /** Takes the folder, with its subtree, out of the trash into the given folder under the given (free) name. */
    public void restore(long parentId, String name, LocalDateTime time) {
        trash = null;
        place(parentId, name, time);
    }
}
