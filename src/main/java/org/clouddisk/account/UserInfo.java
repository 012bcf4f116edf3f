package org.clouddisk.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.LocalDateTime;

/** A registered person (table user_info). */
@Entity
@Table(name = "user_info")
@NamedQuery(name = "UserInfo.byName", query = "select u from UserInfo u where u.userName = :name")
@NamedQuery(name = "UserInfo.taken",
        query = "select count(u) from UserInfo u where u.userName = :name or u.nickName = :nick")
public class UserInfo {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_name", nullable = false, unique = true, length = 32)
    private String userName;

    @Column(name = "nick_name", nullable = false, unique = true, length = 32)
    private String nickName;

    /** The salted slow hash of the client's secret ({@link PasswordHasher}). */
    @Column(name = "password", nullable = false, length = 160)
    private String password;

    @Column(name = "phone", nullable = false, length = 20)
    private String phone;

    @Column(name = "email", nullable = false, length = 64)
    private String email;

    @Column(name = "create_time", nullable = false)
    private LocalDateTime createTime;

    /** The user's own quota in bytes, set by an administrator; null: the deployment's default applies. */
    @Column(name = "quota_bytes")
    private Long quotaBytes;

    /** A disabled user cannot log in, and the user's tokens were revoked when it was set. */
    @Column(name = "disabled", nullable = false)
    private boolean disabled;

    protected UserInfo() {
    }

    public UserInfo(Registration r, String passwordHash, LocalDateTime createTime) {
        this.userName = r.userName();
        this.nickName = r.nickName();
        this.password = passwordHash;
        this.phone = r.phone();
        this.email = r.email();
        this.createTime = createTime;
    }

    public String getUserName() {
        return userName;
    }

    public String getNickName() {
        return nickName;
    }

    public String getPassword() {
        return password;
    }

    void setPassword(String passwordHash) {
        this.password = passwordHash;
    }

    public LocalDateTime getCreateTime() {
        return createTime;
    }

    public Long getQuotaBytes() {
        return quotaBytes;
    }

    public void setQuotaBytes(Long quotaBytes) {
        this.quotaBytes = quotaBytes;
    }

    public boolean isDisabled() {
        return disabled;
    }

    public void setDisabled(boolean disabled) {
        this.disabled = disabled;
    }
}
