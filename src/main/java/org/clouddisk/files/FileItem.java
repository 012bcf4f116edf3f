package org.clouddisk.files;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.clouddisk.platform.Dialect;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

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

    /**
     * The columns an item is made of, after its name row's: the content's, of {@code FileInfo f}. Lists select them
     * as values, not entities: loading a page of entities was a seventh of WildFly's CPU in /myfiles at 64
     * connections.
     */
    public static final String CONTENT_COLUMNS = "f.md5, f.size, f.type, f.fileId";

    /**
     * An item of a file named by a user (owner or sharer) at a time; {@code content} holds the values of
     * {@link #CONTENT_COLUMNS} from index {@code at} on, and its url is made by {@code urls}.
     */
    public static FileItem of(String user, String fileName, LocalDateTime time, boolean shared, long pv,
                              Object[] content, int at, ContentUrls urls) {
        return new FileItem(user, (String) content[at], TIME.format(time), fileName, shared ? 1 : 0, pv,
                urls.of((String) content[at + 3]), (Long) content[at + 1], (String) content[at + 2]);
    }

    /** The list answer: {"file":[...]}. */
    public record Page(List<FileItem> file) {

        /** By its length, not every item's every field: JSON-B hashes each object it writes, twice. */
        @Override
        public int hashCode() {
            return file.size();
        }
    }

    /** The same item as the classic desktop client reads it (create_time, file_name). */
    @JsonbPropertyOrder({"user", "md5", "createTime", "fileName", "shareStatus", "pv", "url", "size", "type"})
    public record Classic(
            String user,
            String md5,
            @JsonbProperty("create_time") String createTime,
            @JsonbProperty("file_name") String fileName,
            @JsonbProperty("share_status") int shareStatus,
            long pv,
            String url,
            long size,
            String type) {
    }

    /** The classic client's list answer: {"files":[...]}. */
    public record ClassicPage(List<Classic> files) {

        /** As {@link Page#hashCode()}. */
        @Override
        public int hashCode() {
            return files.size();
        }
    }

    /** A list answer in the client's dialect. */
    public static Object page(List<FileItem> items, Dialect dialect) {
        if (dialect == Dialect.SEED) {
            return new Page(items);
        }
        return new ClassicPage(items.stream().map(i -> new Classic(i.user(), i.md5(), i.time(), i.filename(),
                i.shareStatus(), i.pv(), i.url(), i.size(), i.type())).toList());
    }
}
