package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * How many files each folder holds (user_folder.file_count, V8__folder_file_counts.sql), kept exact in the caller's
 * transaction: every file that comes into a folder (added, moved or restored there) or leaves it (moved away or
 * trashed) goes through here, after the caller locked the user's counter, so that the folder's row is locked last
 * and briefly. Each change is one relative update, exact whatever the entity in memory says.
 */
@ApplicationScoped
public class FolderCounts {

    @PersistenceContext
    EntityManager em;

    /** A file came into the folder. */
    public void entered(long folderId) {
        change(folderId, 1);
    }

    /** A file left the folder. */
    public void left(long folderId) {
        change(folderId, -1);
    }

    /** A file went from one folder to another (or stayed: nothing changes). */
    public void moved(long from, long to) {
        if (from != to) {
            left(from);
            entered(to);
        }
    }

    /** The files in the user's root: one row. A user without a root has never had a file. */
    public int rootFiles(String user) {
        return em.createNamedQuery("Folder.rootFileCount", Integer.class).setParameter("user", user).getResultList()
                .stream().findFirst().orElse(0);
    }

    private void change(long folderId, int change) {
        em.createNamedQuery("Folder.countFiles").setParameter("change", change).setParameter("id", folderId)
                .executeUpdate();
    }
}
