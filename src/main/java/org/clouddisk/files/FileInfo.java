package org.clouddisk.files;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One stored content (table file_info); {@code count} is the number of user files that reference it. */
@Entity
@Table(name = "file_info")
@NamedQuery(name = "FileInfo.byMd5", query = "select f from FileInfo f where f.md5 = :md5")
@NamedQuery(name = "FileInfo.countByMd5", query = "select count(f) from FileInfo f where f.md5 = :md5")
@NamedQuery(name = "FileInfo.byFileId", query = "select f from FileInfo f where f.fileId = :fileId")
// A download's question in one statement: the content and its first places as UserFile.placesOf gives them (null
// when no file holds it)
@NamedQuery(name = "FileInfo.withPlaces", query = "select f, u.user, u.folderId, u.id, d.parentId from FileInfo f"
        + " left join UserFile u on u.md5 = f.md5 left join Folder d on d.id = u.folderId and d.user = u.user"
        + " where f.fileId = :fileId order by u.id")
public class FileInfo {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "md5", nullable = false, unique = true, length = 32)
    private String md5;

    /** The content store's id, e.g. group1/M00/00/00/xxx.jpg. */
    @Column(name = "file_id", nullable = false, unique = true)
    private String fileId;

    /** The download URL when the content was stored (kept for operators; lists build it from today's base URL). */
    @Column(name = "url", nullable = false, length = 1024)
    private String url;

    @Column(name = "size", nullable = false)
    private long size;

    @Column(name = "type", nullable = false, length = 16)
    private String type;

    @Column(name = "count", nullable = false)
    private int count;

    protected FileInfo() {
    }

    FileInfo(String md5, String fileId, String url, long size, String type) {
        this.md5 = md5;
        this.fileId = fileId;
        this.url = url;
        this.size = size;
        this.type = type;
    }

    public String getMd5() {
        return md5;
    }

    public String getFileId() {
        return fileId;
    }

    public long getSize() {
        return size;
    }

    public String getType() {
        return type;
    }

    public int getCount() {
        return count;
    }

    /** Adds a reference; answers the new count. */
    int reference() {
        return ++count;
    }

    /** Drops a reference; answers the new count (0: the content is no longer anybody's). */
    int release() {
        return --count;
    }
}
