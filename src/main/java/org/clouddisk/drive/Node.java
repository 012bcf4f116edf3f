package org.clouddisk.drive;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.clouddisk.files.FileInfo;
import org.clouddisk.files.Folder;
import org.clouddisk.files.UserFile;
import org.clouddisk.web.FileNames;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * A file or folder as the v2 API answers it. {@code size}, {@code md5}, {@code type} and {@code downloads} are for
 * files (left out for folders); {@code path}, from root to the parent, only in the answer about one node.
 */
@JsonbPropertyOrder({"id", "kind", "name", "parent", "created", "modified", "size", "md5", "type", "downloads",
        "shared", "path"})
public record Node(String id, String kind, String name, @JsonbNillable String parent, String created,
                   String modified, Long size, String md5, String type, Integer downloads, boolean shared,
                   List<PathStep> path) {

    /** One folder on the way from root to a node. */
    public record PathStep(String id, String name) {
    }

    static Node of(Folder f) {
        return new Node(NodeRef.folder(f.getId()), "folder", f.getName(),
                f.isRoot() ? null : NodeRef.folder(f.getParentId()), utc(f.getCreateTime()), utc(f.getModifyTime()),
                null, null, null, null, false, null);
    }

    static Node of(UserFile u, FileInfo content) {
        return new Node(NodeRef.file(u.getId()), "file", u.getFileName(), NodeRef.folder(u.getFolderId()),
                utc(u.getCreateTime()), utc(u.getModifyTime()), content.getSize(), u.getMd5(),
                FileNames.type(u.getFileName()), u.getPv(), u.isShared(), null);
    }

    Node withPath(List<PathStep> steps) {
        return new Node(id, kind, name, parent, created, modified, size, md5, type, downloads, shared, steps);
    }

    /** Rows keep the server's local time (as the seed's protocol shows it); the API answers UTC. */
    private static String utc(LocalDateTime time) {
        return DateTimeFormatter.ISO_INSTANT.format(time.atZone(ZoneId.systemDefault()).toInstant()
                .truncatedTo(ChronoUnit.SECONDS));
    }
}
