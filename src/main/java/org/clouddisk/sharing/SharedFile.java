package org.clouddisk.sharing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** A file in the public share list (table share_file_list), with its public download count. */
@Entity
@Table(name = "share_file_list")
@NamedQuery(name = "SharedFile.find", query = "select s from SharedFile s where s.md5 = :md5 and s.fileName = :fileName")
@NamedQuery(name = "SharedFile.countPv",
        query = "update SharedFile s set s.pv = s.pv + 1 where s.md5 = :md5 and s.fileName = :fileName")
@NamedQuery(name = "SharedFile.ranking", query = "select new org.clouddisk.sharing.RankedFile(s.md5, s.fileName, s.pv)"
        + " from SharedFile s order by s.pv, s.md5, s.fileName")
@NamedQuery(name = "SharedFile.rankingDesc", query = "select new org.clouddisk.sharing.RankedFile(s.md5, s.fileName, s.pv)"
        + " from SharedFile s order by s.pv desc, s.md5 desc, s.fileName desc")
public class SharedFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** The sharer. */
    @Column(name = "user", nullable = false, length = 32)
    private String user;

    @Column(name = "md5", nullable = false, length = 32)
    private String md5;

    @Column(name = "file_name", nullable = false)
    private String fileName;

    @Column(name = "pv", nullable = false)
    private int pv;

    @Column(name = "create_time", nullable = false)
    private LocalDateTime createTime;

    protected SharedFile() {
    }

    SharedFile(String user, String md5, String fileName, LocalDateTime createTime) {
        this.user = user;
        this.md5 = md5;
        this.fileName = fileName;
        this.createTime = createTime;
    }

    public Long getId() {
        return id;
    }

    public String getUser() {
        return user;
    }

    public String getMd5() {
        return md5;
    }

    public String getFileName() {
        return fileName;
    }

    public int getPv() {
        return pv;
    }

    public LocalDateTime getCreateTime() {
        return createTime;
    }
}
