package org.clouddisk.files;

import java.util.Optional;

/** The sort orders of /myfiles (cmd=normal | pvasc | pvdesc). */
public enum FileOrder {
    NORMAL("u.createTime, u.id"),
    PVASC("u.pv, u.createTime, u.id"),
    PVDESC("u.pv desc, u.createTime, u.id");

    /** JPQL order-by clause over UserFile u. */
    final String orderBy;

    FileOrder(String orderBy) {
        this.orderBy = orderBy;
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
