package org.clouddisk.drive;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import org.clouddisk.files.FileInfo;
import org.clouddisk.files.Folder;
import org.clouddisk.files.UserFile;
import org.clouddisk.web.FileNames;

import java.time.LocalDateTime;
import java.util.List;

import static org.clouddisk.api.Times.utc;

/**
 * A file or folder as the v2 API answers it. {@code size}, {@code md5}, {@code type} and {@code downloads} are for
 * files (left out for folders); {@code path}, from root to the parent, only in the answer about one node and in
 * search hits; {@code deleted} and {@code original_path} (the folders a restore puts it back in) only in the trash,
 * where a node has no parent.
 */
@JsonbPropertyOrder({"id", "kind", "name", "parent", "created", "modified", "size", "md5", "type", "downloads",
        "shared", "path", "deleted", "original_path"})
public record Node(String id, String kind, String name, @JsonbNillable String parent, String created,
                   String modified, Long size, String md5, String type, Integer downloads, boolean shared,
                   List<PathStep> path, String deleted,
                   @JsonbProperty("original_path") List<PathStep> originalPath) {

    /** By the id alone, not every field and path step: JSON-B hashes each node it writes (see {@code Page}). */
    @Override
    public int hashCode() {
        return id.hashCode();
    }

    /** One folder on the way from root to a node. */
    public record PathStep(String id, String name) {
    }

    static Node of(Folder f) {
        return new Node(NodeRef.folder(f.getId()), "folder", f.getName(),
                f.isRoot() || f.isTrashed() ? null : NodeRef.folder(f.getParentId()), utc(f.getCreateTime()),
                utc(f.getModifyTime()), null, null, null, null, false, null, null, null);
    }

    static Node of(UserFile u, FileInfo content) {
        return file(u.getId(), u.getFileName(), u.isTrashed() ? null : u.getFolderId(), u.getCreateTime(),
                u.getModifyTime(), content.getSize(), u.getMd5(), u.getPv(), u.isShared());
    }

    /**
     * The values a file in a live folder is made of, selected from {@code UserFile u} alone (it carries its content's
     * size). Folder listings select them rather than the entities (children by size, 64 connections: 300 → 413 req/s).
     */
    static final String FILE_COLUMNS = "u.id, u.fileName, u.createTime, u.modifyTime, u.size, u.md5, u.pv, "
            + "u.sharedStatus";

    /** A file of the live folder {@code folderRow}, from the values of {@link #FILE_COLUMNS}. */
    static Node ofFileColumns(Object[] row, long folderRow) {
        return file((Long) row[0], (String) row[1], folderRow, (LocalDateTime) row[2], (LocalDateTime) row[3],
                (Long) row[4], (String) row[5], (Integer) row[6], UserFile.isSharedStatus((Integer) row[7]));
    }

    private static Node file(long id, String name, Long folderRow, LocalDateTime created, LocalDateTime modified,
                             long size, String md5, int downloads, boolean shared) {
        return new Node(NodeRef.file(id), "file", name, folderRow == null ? null : NodeRef.folder(folderRow),
                utc(created), utc(modified), size, md5, FileNames.type(name), downloads, shared, null, null, null);
    }

    Node withPath(List<PathStep> steps) {
        return new Node(id, kind, name, parent, created, modified, size, md5, type, downloads, shared, steps,
                deleted, originalPath);
    }

    /** The node as the trash lists it. */
    Node inTrash(LocalDateTime deletedAt, List<PathStep> restoredInto) {
        return new Node(id, kind, name, parent, created, modified, size, md5, type, downloads, shared, path,
                utc(deletedAt), restoredInto);
    }
}
