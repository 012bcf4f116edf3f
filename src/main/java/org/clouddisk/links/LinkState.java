package org.clouddisk.links;

import java.util.Locale;

/** A link's state as its owner sees it; every state but {@link #ACTIVE} answers 410 gone to the public. */
public enum LinkState {
    ACTIVE, REVOKED, EXPIRED, USED_UP,
    /** Its node is in the trash or purged: active again when the node is restored (unless revoked). */
    NODE_DELETED;

    /** As the API spells it: active, revoked, expired, used_up, node_deleted. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
