package org.clouddisk.files;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * A user's usage in bytes (every file's size, trash included) and limit ({@code null}: unlimited), as API.md's
 * "Quotas" defines them.
 */
public record Quota(long used, @JsonbNillable Long limit) {

    /** Whether {@code bytes} more still fit. */
    public boolean fits(long bytes) {
        return limit == null || used + bytes <= limit;
    }
}
