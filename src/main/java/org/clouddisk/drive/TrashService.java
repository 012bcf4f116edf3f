package org.clouddisk.drive;

import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A user's trash (API.md, "Trash"): deleting a node puts it there with its whole subtree, in one row's change;
 * purging deletes it for good and only then releases its content references. Each method is one container-managed
 * transaction under the user's counter lock, which every change of the user's files and tree takes first.
 */
public interface TrashService {

    /** Puts a live node, with its subtree, in the trash; its shared files leave the public list now. */
    void trash(String user, String id);

    /** The trashed top-level nodes, newest first, each with {@code deleted} and {@code original_path}. */
    Page<Node> list(String user, Paging paging);

    /**
     * Takes a trashed node back to the folder it came from, or to root when that folder is gone or in the trash,
     * under a free name: {@code a (1).txt}, {@code a (2).txt} ... when its own is taken.
     */
    Node restore(String user, String id);

    /** Deletes a trashed node and its subtree for good. */
    void purge(String user, String id);

    /** Deletes everything in the user's trash for good. */
    void empty(String user);

    /** Users with trashed nodes older than {@code cutoff}, at most {@code max} of them. */
    List<String> usersWithTrashBefore(LocalDateTime cutoff, int max);

    /** Purges the user's nodes trashed before {@code cutoff}; answers how many top-level nodes went. */
    int purgeTrashedBefore(String user, LocalDateTime cutoff);
}
