package org.clouddisk.files;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * One file in a list answer of /myfiles and /sharefiles (field names and order of the original clients). JSON-B
 * orders by Java property names, before any @JsonbProperty rename.
 */
@JsonbPropertyOrder({"user", "md5", "time", "filename", "shareStatus", "pv", "url", "size", "type"})
public record FileItem(
        String user,
        String md5,
        String time,
        String filename,
        @JsonbProperty("share_status") int shareStatus,
        long pv,
        String url,
        long size,
        String type) {

    /** The list answer: {"file":[...]}. */
    public record Page(java.util.List<FileItem> file) {
    }
}
