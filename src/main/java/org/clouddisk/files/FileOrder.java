package org.clouddisk.files;

import java.util.Optional;

/** The sort orders of /myfiles (cmd=normal | pvasc | pvdesc). */
public enum FileOrder {
    NORMAL("%1$s.createTime, %1$s.id"),
    PVASC("%1$s.pv, %1$s.createTime, %1$s.id"),
    PVDESC("%1$s.pv desc, %1$s.createTime, %1$s.id");

    /** The order-by clause, {@code %1$s} standing for the UserFile's alias. */
    private final String columns;

    FileOrder(String columns) {
        this.columns = columns;
    }

    /** The HQL order-by clause over the UserFile of that alias. */
    String orderBy(String alias) {
        return columns.formatted(alias);
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
