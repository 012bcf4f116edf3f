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
 * A person's file (table user_file_list): a name the user gave to a content in one of their folders, with its share
 * state and pv. The seed's protocol names a file by (md5, file name); a user may hold that pair in several folders.
 */
@Entity
@Table(name = "user_file_list")
@NamedQuery(name = "UserFile.find", query = "select u from UserFile u where u.user = :user and u.md5 = :md5"
        + " and u.fileName = :fileName and u.trash.trashedAt is null")
// with the folder's parent (null: no such folder of the user's), so that a file in a root folder is known live at once,
// and the content's size
@NamedQuery(name = "UserFile.placesOf", query = "select u.user, u.folderId, u.id, f.parentId, u.size from UserFile u"
        + " left join Folder f on f.id = u.folderId and f.user = u.user where u.md5 = :md5 and u.id > :after"
        + " order by u.id")
@NamedQuery(name = "UserFile.sharedOf", query = "select u from UserFile u where u.user = :user and u.sharedStatus = 1")
@NamedQuery(name = "UserFile.trashOf", query = "select u from UserFile u where u.user = :user"
        + " and u.trash.trashedAt is not null order by u.trash.trashedAt desc, u.id desc")
@NamedQuery(name = "UserFile.trashCount",
        query = "select count(u) from UserFile u where u.user = :user and u.trash.trashedAt is not null")
@NamedQuery(name = "UserFile.trashedBefore",
        query = "select distinct u.user from UserFile u where u.trash.trashedAt < :cutoff")
@NamedQuery(name = "UserFile.ofUser", query = "select u from UserFile u where u.id = :id and u.user = :user")
@NamedQuery(name = "UserFile.countPv", query = "update UserFile u set u.pv = u.pv + 1 where u.id = :id"
        + " and u.trash.trashedAt is null")
public class UserFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user", nullable = false, length = 32)
    private String user;

    @Column(name = "folder_id", nullable = false)
    private long folderId;

    @Column(name = "md5", nullable = false, length = 32)
    private String md5;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    /** The content's size, a copy of file_info's (an md5's content has one size): folders list by it from an index. */
    @Column(name = "size", nullable = false)
    private long size;

    @Column(name = "create_time", nullable = false)
    private LocalDateTime createTime;

    @Column(name = "modify_time", nullable = false)
    private LocalDateTime modifyTime;

    @Column(name = "shared_status", nullable = false)
    private int sharedStatus;

    @Column(name = "pv", nullable = false)
    private int pv;

    /** Null outside the trash. */
    @Embedded
    private TrashMark trash;

    protected UserFile() {
    }

    UserFile(String user, long folderId, String md5, long size, String fileName, LocalDateTime createTime) {
        this.user = user;
        this.folderId = folderId;
        this.md5 = md5;
        this.size = size;
        this.fileName = fileName;
        this.createTime = createTime;
        this.modifyTime = createTime;
    }

    public Long getId() {
        return id;
    }

    public String getUser() {
        return user;
    }

    public long getFolderId() {
        return folderId;
    }

    public String getMd5() {
        return md5;
    }

    public String getFileName() {
        return fileName;
    }

    public LocalDateTime getCreateTime() {
        return createTime;
    }

    public LocalDateTime getModifyTime() {
        return modifyTime;
    }

    /** Renames and/or moves the file; its share state and pv stay. */
    public void place(long folderId, String fileName, LocalDateTime time) {
        this.folderId = folderId;
        this.fileName = fileName;
        this.modifyTime = time;
    }

    public boolean isShared() {
        return isSharedStatus(sharedStatus);
    }

    /** Whether a shared_status value, read as a value rather than with its row, means shared. */
    public static boolean isSharedStatus(int sharedStatus) {
        return sharedStatus == 1;
    }

    public void setShared(boolean shared) {
        this.sharedStatus = shared ? 1 : 0;
    }

    public int getPv() {
        return pv;
    }

    public boolean isTrashed() {
        return trash != null;
    }

    /** Where and when it was trashed; null outside the trash. */
    public TrashMark getTrash() {
        return trash;
    }

    /** Puts the file in the trash: it leaves its folder for a parent of its own (V4__trash_quotas.sql). */
    public void trash(LocalDateTime time) {
        trash = new TrashMark(folderId, time);
        folderId = -id;
    }

    /** Takes the file out of the trash into the given folder under the given (free) name. */
    public void restore(long folderId, String fileName, LocalDateTime time) {
        trash = null;
        place(folderId, fileName, time);
    }
}
