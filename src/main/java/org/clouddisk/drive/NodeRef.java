package org.clouddisk.drive;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node id as clients see it: {@code d<folder row id>}, {@code f<file row id>}, or {@code root} for the user's
 * root folder. Anything else names no node.
 */
record NodeRef(Kind kind, long rowId) {

    enum Kind { ROOT, FOLDER, FILE }

    static final String ROOT = "root";
    private static final String FOLDER_PREFIX = "d";
    private static final String FILE_PREFIX = "f";
    /** ASCII digits only, and few enough for a long. */
    private static final Pattern ID = Pattern.compile("([" + FOLDER_PREFIX + FILE_PREFIX + "])([0-9]{1,18})");

    static Optional<NodeRef> parse(String id) {
        if (ROOT.equals(id)) {
            return Optional.of(new NodeRef(Kind.ROOT, 0));
        }
        Matcher m = ID.matcher(id == null ? "" : id);
        if (!m.matches()) {
            return Optional.empty();
        }
        long rowId = Long.parseLong(m.group(2));
        return Optional.of(new NodeRef(m.group(1).equals(FOLDER_PREFIX) ? Kind.FOLDER : Kind.FILE, rowId));
    }

    static String folder(long rowId) {
        return FOLDER_PREFIX + rowId;
    }

    static String file(long rowId) {
        return FILE_PREFIX + rowId;
    }
}
