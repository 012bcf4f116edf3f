package org.clouddisk.links;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.clouddisk.drive.Node;

/**
 * A node of a shared folder as the public sees it: the drive's node without what is its owner's business (the
 * download count, the public-list state, paths above the shared folder).
 */
@JsonbPropertyOrder({"id", "kind", "name", "parent", "created", "modified", "size", "md5", "type"})
public record SharedNode(String id, String kind, String name, String parent, String created, String modified,
                         Long size, String md5, String type) {

    static SharedNode of(Node n) {
        return new SharedNode(n.id(), n.kind(), n.name(), n.parent(), n.created(), n.modified(), n.size(), n.md5(),
                n.type());
    }
}
