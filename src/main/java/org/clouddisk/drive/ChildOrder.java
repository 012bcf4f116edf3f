package org.clouddisk.drive;

import org.clouddisk.web.InvalidRequestException;

import java.util.Locale;

/**
 * The sort keys of a folder listing. Folders always come before files (they have no size or downloads: among
 * themselves they sort by name, or by creation for {@code created}); ties go by id, so pages never overlap. Files by
 * name go by (name, md5) instead, which is unique in a folder (uq_user_file_in_folder: names are unique there, but
 * the seed's protocol lets two contents share one, and md5 orders those): the database then reads a page in that
 * key's order and stops after it, instead of joining and sorting the whole folder for every page (MariaDB does not
 * order by the row id InnoDB appends to a secondary key, so an id tie-breaker would bring the sort back). Files by
 * downloads go by (downloads, upload time, id), the columns of ix_user_file_by_pv, for the same reason: by (downloads,
 * id) the first page of a folder of 100,000 files was sorted whole (195 ms over JDBC, 1.5 ms in the index's order).
 * Files by size go by (size, upload time, id), ix_user_file_by_size's columns (the file's copy of its content's size).
 */
public enum ChildOrder {
    NAME("f.name", "u.fileName", "u.md5", false),
    CREATED("f.createTime", "u.createTime", null, true),
    SIZE("f.name", "u.size", "u.createTime", true),
    DOWNLOADS("f.name", "u.pv", "u.createTime", true);

    /** JPQL sort key over Folder f, and over UserFile u. */
    private final String folderKey;
    private final String fileKey;
    /** A second file key, or null. */
    private final String fileTie;
    /** Whether files need the id to break ties (false when the keys are unique in a folder). */
    private final boolean fileId;

    ChildOrder(String folderKey, String fileKey, String fileTie, boolean fileId) {
        this.folderKey = folderKey;
        this.fileKey = fileKey;
        this.fileTie = fileTie;
        this.fileId = fileId;
    }

    /** The {@code sort} query parameter; absent means name. */
    public static ChildOrder of(String sort) {
        if (sort == null || sort.isEmpty()) {
            return NAME;
        }
        for (ChildOrder o : values()) {
            if (o.name().toLowerCase(Locale.ROOT).equals(sort)) {
                return o;
            }
        }
        throw new InvalidRequestException("sort must be name, created, size or downloads");
    }

    /** The {@code order} query parameter: asc (default) or desc. */
    public static boolean descending(String order) {
        if (order == null || order.isEmpty() || order.equals("asc")) {
            return false;
        }
        if (order.equals("desc")) {
            return true;
        }
        throw new InvalidRequestException("order must be asc or desc");
    }

    String folders(boolean descending) {
        String direction = descending ? " desc" : "";
        return folderKey + direction + ", f.id" + direction;
    }

    String files(boolean descending) {
        String direction = descending ? " desc" : "";
        return fileKey + direction + (fileTie == null ? "" : ", " + fileTie + direction)
                + (fileId ? ", u.id" + direction : "");
    }
}
