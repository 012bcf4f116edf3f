package org.clouddisk.drive;

import org.clouddisk.web.InvalidRequestException;

import java.util.Locale;

/**
 * The sort keys of a folder listing. Folders always come before files (they have no size or downloads: among
 * themselves they sort by name, or by creation for {@code created}); ties go by id, so pages never overlap.
 */
public enum ChildOrder {
    NAME("f.name", "u.fileName"),
    CREATED("f.createTime", "u.createTime"),
    SIZE("f.name", "i.size"),
    DOWNLOADS("f.name", "u.pv");

    /** JPQL sort key over Folder f, and over UserFile u joined with FileInfo i. */
    private final String folderKey;
    private final String fileKey;

    ChildOrder(String folderKey, String fileKey) {
        this.folderKey = folderKey;
        this.fileKey = fileKey;
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
        return fileKey + direction + ", u.id" + direction;
    }
}
