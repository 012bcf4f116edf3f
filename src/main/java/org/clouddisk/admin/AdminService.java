package org.clouddisk.admin;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;

import java.util.Optional;

/** What administrators see and set; each method is one container-managed transaction. */
public interface AdminService {

    /** A page of the users by name; {@code query}, when given, must occur in the name or nickname (any case). */
    Page<UserSummary> users(Optional<String> query, Paging paging);

    /**
     * Sets the user's own quota (a present empty limit: back to the default) and/or disabled state; a disabled
     * user's tokens are revoked once this commits. {@code not_found} for an unknown user.
     */
    UserSummary update(String user, Optional<Optional<Long>> limit, Optional<Boolean> disabled);

    StorageStats stats();

    /** {@code limit}: the limit in force (the user's own, else the default; null: unlimited). */
    @JsonbPropertyOrder({"user", "nickname", "created", "files", "used", "limit", "disabled"})
    record UserSummary(String user, String nickname, String created, long files, long used,
                       @JsonbNillable Long limit, boolean disabled) {
    }

    /** Logical bytes count every reference to a content, stored bytes each content once. */
    @JsonbPropertyOrder({"users", "files", "contents", "logical_bytes", "stored_bytes"})
    record StorageStats(long users, long files, long contents,
                        @JsonbProperty("logical_bytes") long logicalBytes,
                        @JsonbProperty("stored_bytes") long storedBytes) {
    }
}
