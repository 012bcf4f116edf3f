package org.clouddisk.links;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A link as its owner sees it (API.md's fields, then {@code state}, and the node's {@code name} and {@code kind} while
 * it is live). {@code expires} and {@code max_downloads} are null for none.
 */
@JsonbPropertyOrder({"id", "url", "node", "expires", "max_downloads", "downloads", "has_password", "created", "state",
        "name", "kind"})
public record Link(String id, String url, String node, @JsonbNillable String expires,
                   @JsonbNillable @JsonbProperty("max_downloads") Integer maxDownloads, int downloads,
                   @JsonbProperty("has_password") boolean hasPassword, String created, String state, String name,
                   String kind) {
}
