package org.clouddisk.maintenance;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.clouddisk.files.ContentDeletions;
import org.clouddisk.files.UserFileCount;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.sharing.ShareService;
import org.clouddisk.storage.ContentStore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Checks the invariants of PROTOCOL.md ("Storage model") and repairs what can be derived from user_file_list,
 * the one table every other count follows: file_info.count, user_file_count, user_folder.file_count,
 * share_file_list rows and shared_status, the public share count, the ranking. Reports what cannot be derived: files
 * whose content row is gone, content rows whose content is missing from the store, stored content nothing references.
 */
@Stateless
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class.getName());
    private static final int MAX_LISTED = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    ContentStore store;

    @EJB
    ShareService shares;

    @EJB
    ContentDeletions deletions;

    @Resource
    SessionContext context;

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ReconciliationReport run() {
        Reconciliation self = context.getBusinessObject(Reconciliation.class);
        var counts = self.repairCounts();
        var repairs = self.repairShares(counts);
        boolean rebuilt;
        try {
            shares.rebuildRanking();
            rebuilt = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reconciliation could not rebuild the ranking: {0}", e.toString());
            rebuilt = false;
        }
        List<String> fileIds = em.createQuery("select f.fileId from FileInfo f", String.class).getResultList();
        var report = new ReconciliationReport(repairs.fileCounts(), repairs.unreferencedRows(), repairs.userCounts(),
                repairs.folderCounts(), repairs.shares(), repairs.sharedStatus(), repairs.shareCount(), rebuilt,
                repairs.filesWithoutContentRow(), missingFromStore(fileIds), unreferenced(fileIds));
        LOG.info(() -> "reconciliation: " + report);
        return report;
    }

    /** A user's usage: the sizes of the user's files, trash included, and the lengths of unfinished uploads. */
    private static final String USAGE = "(SELECT COALESCE(SUM(i.size), 0) FROM user_file_list u JOIN file_info i"
            + " ON i.md5 = u.md5 WHERE u.user = c.user)"
            + " + (SELECT COALESCE(SUM(p.upload_length), 0) FROM upload p WHERE p.user = c.user"
            + " AND p.completed_node IS NULL)";
    private static final String FILES_OF_CONTENT = "(SELECT COUNT(*) FROM user_file_list u WHERE u.md5 = f.md5)";
    private static final String FILES_OF_USER = "(SELECT COUNT(*) FROM user_file_list u WHERE u.user = c.user)";
    private static final String FILES_IN_FOLDER = "(SELECT COUNT(*) FROM user_file_list u WHERE u.folder_id = f.id)";

    /** What the counts' repairs did. */
    public record Counts(int contents, int unreferencedRows, int users, int folders) {
    }

    /**
     * Every derived count, row by row. An UPDATE whose subquery counts the files would read them as its statement
     * began while it writes the rows as they are now: a file recorded during its scan would be counted out and its
     * content deleted. So the candidates are found by plain reads, and each is counted again and repaired in a
     * transaction of its own, holding the row lock every writer of that count takes first (the content's row, the
     * user's counter), which makes the count's statement see every committed change of it.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Counts repairCounts() {
        Reconciliation self = context.getBusinessObject(Reconciliation.class);
        int contents = 0;
        int unreferenced = 0;
        for (Object md5 : column("SELECT f.md5 FROM file_info f WHERE f.count = 0 OR f.count <> " + FILES_OF_CONTENT)) {
            switch (Conflicts.retry(() -> self.repairContent((String) md5))) {
                case REPAIRED -> contents++;
                case DELETED -> unreferenced++;
                case RIGHT -> { }
            }
        }
        int users = Conflicts.retry(() -> self.addMissingCounters());
        for (Object user : column("SELECT c.user FROM user_file_count c WHERE c.user <> ?1 AND (c.count <> "
                + FILES_OF_USER + " OR c.used_bytes <> " + USAGE + ")", UserFileCount.SHARED_FILES)) {
            users += Conflicts.retry(() -> self.repairUser((String) user)) ? 1 : 0;
        }
        int folders = 0;
        for (Object[] folder : rows("SELECT f.id, f.user FROM user_folder f WHERE f.file_count <> "
                + FILES_IN_FOLDER)) {
            long id = ((Number) folder[0]).longValue();
            folders += Conflicts.retry(() -> self.repairFolder((String) folder[1], id)) ? 1 : 0;
        }
        return new Counts(contents, unreferenced, users, folders);
    }

    public enum ContentRepair { RIGHT, REPAIRED, DELETED }

    /** The content's count, under its row's lock; a content nothing references any more goes, with its bytes. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ContentRepair repairContent(String md5) {
        List<Object[]> locked = rows("SELECT file_id, count FROM file_info WHERE md5 = ?1 FOR UPDATE", md5);
        if (locked.isEmpty()) {
            return ContentRepair.RIGHT; // deleted meanwhile
        }
        long files = number("SELECT COUNT(*) FROM user_file_list WHERE md5 = ?1", md5);
        if (files == 0) {
            update("DELETE FROM file_info WHERE md5 = ?1", md5);
            deletions.schedule((String) locked.get(0)[0], md5);
            return ContentRepair.DELETED;
        }
        return update("UPDATE file_info SET count = ?1 WHERE md5 = ?2 AND count <> ?1", files, md5) == 1
                ? ContentRepair.REPAIRED : ContentRepair.RIGHT;
    }

    /** Users with files and no counter row get one (a counter is created under no lock of its own). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int addMissingCounters() {
        return update("INSERT INTO user_file_count (user, count) SELECT u.user, COUNT(*) FROM user_file_list u"
                + " WHERE NOT EXISTS (SELECT 1 FROM user_file_count c WHERE c.user = u.user) GROUP BY u.user");
    }

    /** The user's file count and usage, under the counter's lock. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean repairUser(String user) {
        number("SELECT COUNT(*) FROM user_file_count WHERE user = ?1 FOR UPDATE", user);
        return update("UPDATE user_file_count c SET count = " + FILES_OF_USER + ", used_bytes = " + USAGE
                + " WHERE c.user = ?1 AND (c.count <> " + FILES_OF_USER + " OR c.used_bytes <> " + USAGE + ")",
                user) == 1;
    }

    /** A folder's file count, under its owner's counter lock (every change of the user's files holds it). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean repairFolder(String user, long folderId) {
        number("SELECT COUNT(*) FROM user_file_count WHERE user = ?1 FOR UPDATE", user);
        return update("UPDATE user_folder f SET file_count = " + FILES_IN_FOLDER + " WHERE f.id = ?1 AND file_count <> "
                + FILES_IN_FOLDER, folderId) == 1;
    }

    /** The share list and what follows it, in one transaction, after the counts. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public ReconciliationReport.Repairs repairShares(Counts counts) {
        List<String> orphans = new ArrayList<>();
        for (Object[] row : rows("SELECT u.user, u.md5, u.file_name FROM user_file_list u"
                + " WHERE NOT EXISTS (SELECT 1 FROM file_info f WHERE f.md5 = u.md5)")) {
            if (orphans.size() < MAX_LISTED) {
                orphans.add(row[0] + " " + row[1] + " " + row[2]);
            }
        }
        int sharesRemoved = update("DELETE FROM share_file_list WHERE NOT EXISTS (SELECT 1 FROM user_file_list u"
                + " WHERE u.user = share_file_list.user AND u.md5 = share_file_list.md5"
                + " AND u.file_name = share_file_list.file_name)");
        int sharedStatus = repairSharedStatus();
        int shareCount = update("UPDATE user_file_count SET count = (SELECT COUNT(*) FROM share_file_list)"
                + " WHERE user = ?1 AND count <> (SELECT COUNT(*) FROM share_file_list)", UserFileCount.SHARED_FILES)
                + update("INSERT INTO user_file_count (user, count) SELECT ?1, COUNT(*) FROM share_file_list"
                + " WHERE NOT EXISTS (SELECT 1 FROM user_file_count WHERE user = ?1) HAVING COUNT(*) > 0",
                UserFileCount.SHARED_FILES);
        return new ReconciliationReport.Repairs(counts.contents(), counts.unreferencedRows(), counts.users(),
                counts.folders(), sharesRemoved, sharedStatus, shareCount, orphans);
    }

    /**
     * shared_status 1 on exactly one file per share row: a user may hold the shared md5 and name in several folders,
     * and the share stands for one of them (the one marked, else the oldest). The inner selects are derived tables
     * because MariaDB does not let an UPDATE read its own table otherwise.
     */
    private int repairSharedStatus() {
        String sameFile = "o.user = u.user AND o.md5 = u.md5 AND o.file_name = u.file_name";
        return update("UPDATE user_file_list u SET shared_status = 0 WHERE shared_status <> 0 AND NOT EXISTS"
                + " (SELECT 1 FROM share_file_list o WHERE " + sameFile + ")")
                + update("UPDATE user_file_list SET shared_status = 0 WHERE id IN (SELECT id FROM (SELECT u.id FROM"
                + " user_file_list u JOIN user_file_list o ON " + sameFile + " AND o.id < u.id"
                + " WHERE u.shared_status = 1 AND o.shared_status = 1) later_copies)")
                + update("UPDATE user_file_list SET shared_status = 1 WHERE id IN (SELECT id FROM (SELECT MIN(u.id) id"
                + " FROM user_file_list u JOIN share_file_list o ON " + sameFile
                + " GROUP BY u.user, u.md5, u.file_name HAVING MAX(u.shared_status) = 0) unmarked)");
    }

    private List<String> missingFromStore(List<String> fileIds) {
        List<String> missing = new ArrayList<>();
        for (String id : fileIds) {
            try {
                if (!store.exists(id) && missing.size() < MAX_LISTED) {
                    missing.add(id);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "reconciliation could not ask the store about {0}: {1}", new Object[]{id, e});
                missing.add(id + " (store unreachable)");
                break;
            }
        }
        return missing;
    }

    /** Stored content that neither a file_info row nor a pending deletion accounts for. */
    private List<String> unreferenced(List<String> fileIds) {
        Set<String> known = new HashSet<>(fileIds);
        known.addAll(em.createNamedQuery("PendingDeletion.fileIds", String.class).getResultList());
        try {
            var listing = store.list();
            if (listing.isEmpty()) {
                return null;
            }
            try (Stream<String> all = listing.get()) {
                return all.filter(id -> !known.contains(id)).limit(MAX_LISTED).toList();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "reconciliation could not list the store: {0}", e.toString());
            return null;
        }
    }

    private int update(String sql, Object... parameters) {
        return bound(em.createNativeQuery(sql), parameters).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Object... parameters) {
        return bound(em.createNativeQuery(sql), parameters).getResultList();
    }

    @SuppressWarnings("unchecked")
    private List<Object> column(String sql, Object... parameters) {
        return bound(em.createNativeQuery(sql), parameters).getResultList();
    }

    private long number(String sql, Object... parameters) {
        return ((Number) bound(em.createNativeQuery(sql), parameters).getSingleResult()).longValue();
    }

    private static Query bound(Query query, Object... parameters) {
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }
}
