package org.clouddisk.drive;

import java.util.Optional;

/**
 * A node id as clients see it: {@code d<folder row id>}, {@code f<file row id>}, or {@code root} for the user's
 * root folder. Anything else names no node.
 */
record NodeRef(Kind kind, long rowId) {

    enum Kind { ROOT, FOLDER, FILE }

    static final String ROOT = "root";
    private static final String FOLDER_PREFIX = "d";
    private static final String FILE_PREFIX = "f";

    static Optional<NodeRef> parse(String id) {
        if (ROOT.equals(id)) {
            return Optional.of(new NodeRef(Kind.ROOT, 0));
        }
        if (id == null || id.length() < 2 || id.length() > 20 || !id.substring(1).chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long rowId = Long.parseLong(id.substring(1));
        return switch (id.substring(0, 1)) {
            case FOLDER_PREFIX -> Optional.of(new NodeRef(Kind.FOLDER, rowId));
            case FILE_PREFIX -> Optional.of(new NodeRef(Kind.FILE, rowId));
            default -> Optional.empty();
        };
    }

    static String folder(long rowId) {
        return FOLDER_PREFIX + rowId;
    }

    static String file(long rowId) {
        return FILE_PREFIX + rowId;
    }
}
