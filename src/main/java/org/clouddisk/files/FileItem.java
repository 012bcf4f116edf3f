package org.clouddisk.files;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

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

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** An item of a file named by a user (owner or sharer) at a time, for content stored at {@code url}. */
    public static FileItem of(String user, String fileName, LocalDateTime time, boolean shared, long pv,
                              FileInfo content, String url) {
        return new FileItem(user, content.getMd5(), TIME.format(time), fileName, shared ? 1 : 0, pv, url,
                content.getSize(), content.getType());
    }

    /** The list answer: {"file":[...]}. */
    public record Page(java.util.List<FileItem> file) {
    }
}
