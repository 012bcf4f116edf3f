package org.clouddisk.links;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A link as anybody holding it sees it: API.md's {@code name, kind, size, expires, has_password}, and the shared
 * node's {@code node} id (the folder to list first), {@code type} and {@code modified}. {@code size} and {@code type}
 * are for files.
 */
@JsonbPropertyOrder({"name", "kind", "size", "expires", "has_password", "node", "type", "modified"})
public record PublicLink(String name, String kind, Long size, @JsonbNillable String expires,
                         @JsonbProperty("has_password") boolean hasPassword, String node, String type,
                         String modified) {
}
