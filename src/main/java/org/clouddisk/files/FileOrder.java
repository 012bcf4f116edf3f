package org.clouddisk.files;

import java.util.Optional;

/** The sort orders of /myfiles (cmd=normal | pvasc | pvdesc). */
public enum FileOrder {
    NORMAL("%1$s.createTime%2$s, %1$s.id%2$s"),
    PVASC("%1$s.pv%2$s, %1$s.createTime%2$s, %1$s.id%2$s"),
    PVDESC("%1$s.pv%3$s, %1$s.createTime%2$s, %1$s.id%2$s");

    /**
     * The order-by clause, {@code %1$s} standing for the UserFile's alias, {@code %2$s} for the direction of the
     * ascending keys and {@code %3$s} for that of the descending one.
     */
    private final String columns;

    FileOrder(String columns) {
        this.columns = columns;
    }

    /** The HQL order-by clause over the UserFile of that alias. */
    String orderBy(String alias) {
        return columns.formatted(alias, "", " desc");
    }

    /** The same order read from its other end: the last file first. */
    String reversedOrderBy(String alias) {
        return columns.formatted(alias, " desc", "");
    }

    public static Optional<FileOrder> ofCommand(String cmd) {
        for (FileOrder o : values()) {
            if (o.name().equalsIgnoreCase(cmd)) {
                return Optional.of(o);
            }
        }
        return Optional.empty();
    }
}
