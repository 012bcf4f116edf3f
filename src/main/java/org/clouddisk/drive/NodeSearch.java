package org.clouddisk.drive;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.files.Folder;
import org.clouddisk.files.NameIndex;
import org.clouddisk.platform.IdSlots;
import org.clouddisk.platform.LikePatterns;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * GET /api/v2/search's reads: the user's live nodes whose name contains the query, case-insensitively, each with its
 * path; folders first, then files, each by name. Reads only, without a transaction (at READ COMMITTED one would not
 * make the queries one snapshot either).
 */
@ApplicationScoped
class NodeSearch {

    /** A hit's values: {@link Node#FILE_COLUMNS}, then its folder (hits are live files: their folder is their parent). */
    private static final String FILE_ROW = Node.FILE_COLUMNS + ", u.folderId";
    private static final int FOLDER_COLUMN = 8; // after FILE_COLUMNS' eight
    /** A rare gram's page row: {@link #FILE_ROW}, then how many hits the statement found in all. */
    private static final String COUNTED_FILE_ROW = FILE_ROW + ", count(*) over ()";
    private static final int TOTAL_COLUMN = FOLDER_COLUMN + 1;
    private static final String HIT_ORDER = " order by u.fileName, u.folderId, u.id";

    @PersistenceContext
    EntityManager em;

    @Inject
    NameIndex names;

    /**
     * The user's folders are read whole (one query; a drive holds far fewer folders than files), which answers
     * their liveness and every hit's path in memory. Matching file names are counted and paged in the database:
     * a file is live when its folder is, so the folders that are not live (in the trash or under a trashed one) are
     * excluded by id, and files at the top of the trash by their negative folder id.
     * <p>
     * Which files are read depends on the query's rarest gram in the name index ({@link NameIndex}): when it is
     * rare, only the files holding it are read, checked, sorted, paged and counted, whatever else the drive holds.
     * When every gram is common, the page's ids come from a scan of the index (user, file_name, folder_id) in its
     * order, which stops once the page is full (hits are dense then), and the same scan counts them (joining the
     * gram's postings instead looked up every hit's row: 200 ms against the scan's 30-40 ms for 100,000 hits). A
     * query the index cannot answer (under three characters) scans that name index, for the page and the count.
     * Whatever the path, a file is a hit by the same test, {@code lower(file_name) like}, and the count is skipped
     * when the page ends the hits. Only the page's rows leave the database, as values (no entities): with the postings
     * in the same statement, which also counts the hits (a window over the candidates), after the scan by their ids.
     */
    Page<Node> search(String user, String query, Paging paging) {
        Map<Long, Folder> folders = em.createQuery("select f from Folder f where f.user = :user", Folder.class)
                .setParameter("user", user).getResultList().stream()
                .collect(Collectors.toMap(Folder::getId, Function.identity()));
        FolderTree tree = new FolderTree(folders);
        String needle = query.toLowerCase(Locale.ROOT);
        List<Folder> folderHits = folders.values().stream()
                .filter(f -> !f.isRoot() && tree.isLive(f.getId()) && f.getName().toLowerCase(Locale.ROOT).contains(needle))
                .sorted(Comparator.comparing(Folder::getName).thenComparing(Folder::getId)).toList();
        List<Long> hidden = folders.keySet().stream().filter(id -> !tree.isLive(id)).toList();
        String hit = "u.user = :user and u.folderId > 0"
                + (hidden.isEmpty() ? "" : " and u.folderId not in :hidden")
                + " and lower(u.fileName) like :pattern escape '" + LikePatterns.ESCAPE + "'";
        String scan = " from UserFile u where " + hit;
        String postings = " from NameGram g, UserFile u where g.user = :user and g.gram = :gram and u.id = g.fileId and "
                + hit;
        Optional<NameIndex.Gram> gram = names.rarest(user, needle);
        var search = new SearchBinding(user, LikePatterns.containingLowercase(query), hidden,
                gram.map(NameIndex.Gram::text).orElse(null));

        List<Node> items = new ArrayList<>(paging.limit());
        folderHits.stream().skip(paging.offset()).limit(paging.limit())
                .forEach(f -> items.add(Node.of(f).withPath(tree.pathTo(f.getParentId()))));
        long fileOffset = Math.max(0, (long) paging.offset() - folderHits.size());
        int filesWanted = paging.limit() - items.size();
        List<Node> pageFiles = List.of();
        int pageHits = 0; // what the page's statement found (a row deleted before it was read is left out after)
        Long counted = null; // the hits' total, where the page's statement counted them
        boolean rare = gram.isPresent() && !gram.get().common();
        String from = rare ? postings : scan;
        if (filesWanted > 0) {
            int first = (int) Math.min(Integer.MAX_VALUE, fileOffset);
            if (rare) {
                // each posting's row is read for the name test anyway: the page's values and the hits' count come
                // with it, one statement (the window counts the few candidates before the page is cut)
                List<Object[]> rows = search.bind(em.createQuery("select " + COUNTED_FILE_ROW + from + HIT_ORDER,
                        Object[].class)).setFirstResult(first).setMaxResults(filesWanted).getResultList();
                pageFiles = rows.stream().map(row -> fileNode(row, tree)).toList();
                pageHits = rows.size();
                counted = rows.isEmpty() ? null : (Long) rows.get(0)[TOTAL_COLUMN];
            } else {
                // the scan pages the name index alone (no row read until the page is full), then reads the page's rows
                List<Long> ids = search.bind(em.createQuery("select u.id" + from + HIT_ORDER, Long.class))
                        .setFirstResult(first).setMaxResults(filesWanted).getResultList();
                pageFiles = rowsInOrder(ids, tree);
                pageHits = ids.size();
            }
        }
        long fileHits;
        if (counted != null) {
            fileHits = counted;
        } else if (filesWanted > 0 && pageHits < filesWanted && (pageHits > 0 || fileOffset == 0)) {
            fileHits = fileOffset + pageHits; // the page ends the hits: no second read to count them
        } else {
            fileHits = search.bind(em.createQuery("select count(u)" + from, Long.class)).getSingleResult();
        }
        items.addAll(pageFiles);
        return new Page<>(items, folderHits.size() + fileHits);
    }

    /** The files of the page whose ids are {@code ids}, in that order, but for one trashed since it was found. */
    private List<Node> rowsInOrder(List<Long> ids, FolderTree tree) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Node> found = new HashMap<>();
        IdSlots.bind(em.createQuery("select " + FILE_ROW + " from UserFile u where u.folderId > 0 and "
                + IdSlots.in("u.id", ids.size()), Object[].class), ids).getResultList()
                .forEach(row -> found.put((Long) row[0], fileNode(row, tree)));
        return ids.stream().map(found::get).filter(Objects::nonNull).toList();
    }

    /** A live file from the values of {@link #FILE_ROW}, with its path. */
    private static Node fileNode(Object[] row, FolderTree tree) {
        long folder = (Long) row[FOLDER_COLUMN];
        return Node.ofFileColumns(row, folder).withPath(tree.pathTo(folder));
    }

    /** The parameters of a search's queries; {@code gram} (null: none) only where the query joins the postings. */
    private record SearchBinding(String user, String pattern, List<Long> hidden, String gram) {
        <Q extends TypedQuery<?>> Q bind(Q q) {
            q.setParameter("user", user).setParameter("pattern", pattern);
            if (!hidden.isEmpty()) {
                q.setParameter("hidden", hidden);
            }
            if (q.getParameters().stream().anyMatch(p -> "gram".equals(p.getName()))) {
                q.setParameter("gram", gram);
            }
            return q;
        }
    }
}
