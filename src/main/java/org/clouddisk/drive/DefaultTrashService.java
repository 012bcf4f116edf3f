package org.clouddisk.drive;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.files.FileInfo;
import org.clouddisk.files.FileService;
import org.clouddisk.files.FileTrashing;
import org.clouddisk.files.Folder;
import org.clouddisk.files.FolderCounts;
import org.clouddisk.files.LivePlaces;
import org.clouddisk.files.NameIndex;
import org.clouddisk.files.TrashMark;
import org.clouddisk.files.UserFile;
import org.clouddisk.files.UserFileCount;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A trashed top node keeps its row and leaves its folder (V4__trash_quotas.sql), so trashing and restoring a
 * folder cost the same whatever it holds; only purging visits the subtree, folder level by folder level.
 */
@Stateless
public class DefaultTrashService implements TrashService {

    private static final Logger LOG = Logger.getLogger(DefaultTrashService.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    FileService files;

    @Inject
    LivePlaces live;

    @Inject
    NameIndex names;

    @Inject
    FolderCounts folders;

    @Inject
    NodeLookup nodes;

    @Inject
    Event<FileTrashing> trashing;

    @Override
    public void trash(String user, String id) {
        files.lockCounter(user);
        NodeRef ref = NodeLookup.ref(id);
        LocalDateTime now = LocalDateTime.now();
        if (ref.kind() == NodeRef.Kind.FILE) {
            UserFile file = nodes.liveFile(user, ref, LockModeType.PESSIMISTIC_WRITE);
            trashing.fire(new FileTrashing(file));
            folders.left(file.getFolderId());
            file.trash(now);
            LOG.info(() -> "user " + user + " put file " + file.getId() + " in the trash");
            return;
        }
        Folder folder = nodes.liveFolder(user, ref);
        if (folder.isRoot()) {
            throw new ProblemException(ProblemCode.INVALID, "the root folder cannot be deleted");
        }
        sharedFilesUnder(folder).forEach(file -> trashing.fire(new FileTrashing(file)));
        folder.trash(now);
        LOG.info(() -> "user " + user + " put folder " + folder.getId() + " in the trash");
    }

    /** The user's shared files are few (an index on (user, shared_status) finds them); each is checked for ancestry. */
    private List<UserFile> sharedFilesUnder(Folder folder) {
        return em.createNamedQuery("UserFile.sharedOf", UserFile.class).setParameter("user", folder.getUser())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .filter(file -> isUnder(file.getFolderId(), folder)).toList();
    }

    private boolean isUnder(long folderId, Folder ancestor) {
        for (Folder f = nodes.anyFolder(ancestor.getUser(), folderId); ; f = nodes.parentOf(f)) {
            if (f.getId().equals(ancestor.getId())) {
                return true;
            }
            if (f.isRoot() || f.isTrashed()) {
                return false;
            }
        }
    }

    /**
     * Newest first across both tables, ties (nodes trashed in the same second) broken as each table's query breaks
     * them, by id, folders before files: each table gives its first offset + limit rows in that order, so the merge
     * of the two holds the page.
     */
    @Override
    public Page<Node> list(String user, Paging paging) {
        int wanted = (int) Math.min(Integer.MAX_VALUE, (long) paging.offset() + paging.limit());
        Stream<Trashed> folders = em.createNamedQuery("Folder.trashOf", Folder.class).setParameter("user", user)
                .setMaxResults(wanted).getResultList().stream()
                .map(f -> new Trashed(f.getTrash().trashedAt(), 0, f.getId(), () -> inTrash(user, Node.of(f),
                        f.getTrash())));
        Stream<Trashed> fileNodes = em.createQuery("select u, i from UserFile u, FileInfo i where i.md5 = u.md5"
                        + " and u.user = :user and u.trash.trashedAt is not null"
                        + " order by u.trash.trashedAt desc, u.id desc",
                        Object[].class).setParameter("user", user).setMaxResults(wanted).getResultList().stream()
                .map(row -> {
                    UserFile file = (UserFile) row[0];
                    return new Trashed(file.getTrash().trashedAt(), 1, file.getId(),
                            () -> inTrash(user, Node.of(file, (FileInfo) row[1]), file.getTrash()));
                });
        List<Node> page = Stream.concat(folders, fileNodes).sorted(Trashed.NEWEST_FIRST)
                .skip(paging.offset()).limit(paging.limit()).map(t -> t.node().get()).toList();
        long total = em.createNamedQuery("Folder.trashCount", Long.class).setParameter("user", user).getSingleResult()
                + em.createNamedQuery("UserFile.trashCount", Long.class).setParameter("user", user).getSingleResult();
        return new Page<>(page, total);
    }

    /** A trashed node in the trash's order; its answer is built only when it lands on the page. */
    private record Trashed(LocalDateTime at, int table, long id, Supplier<Node> node) {
        static final Comparator<Trashed> NEWEST_FIRST = Comparator.comparing(Trashed::at).reversed()
                .thenComparingInt(Trashed::table).thenComparing(Comparator.comparingLong(Trashed::id).reversed());
    }

    /** The trash's view of a node: when it was deleted and the path a restore would put it back under. */
    private Node inTrash(String user, Node node, TrashMark mark) {
        return node.inTrash(mark.trashedAt(), nodes.pathTo(restoreTarget(user, mark.trashedFrom())));
    }

    private Folder restoreTarget(String user, long from) {
        return live.folder(user, from).orElseGet(() -> files.root(user));
    }

    @Override
    public Node restore(String user, String id) {
        files.lockCounter(user);
        NodeRef ref = NodeLookup.ref(id);
        LocalDateTime now = LocalDateTime.now();
        if (ref.kind() == NodeRef.Kind.FILE) {
            UserFile file = trashedFile(user, ref);
            Folder into = restoreTarget(user, file.getTrash().trashedFrom());
            String name = nodes.freeName(into, file.getFileName());
            boolean renamed = !name.equals(file.getFileName());
            if (renamed) {
                names.remove(file);
            }
            file.restore(into.getId(), name, now);
            folders.entered(into.getId());
            em.flush(); // the unique keys stand behind the free name
            if (renamed) {
                names.add(file);
            }
            LOG.info(() -> "user " + user + " restored file " + file.getId() + " as '" + file.getFileName() + "'");
            return Node.of(file, nodes.content(file));
        }
        Folder folder = trashedFolder(user, ref);
        Folder into = restoreTarget(user, folder.getTrash().trashedFrom());
        folder.restore(into.getId(), nodes.freeName(into, folder.getName()), now);
        em.flush();
        LOG.info(() -> "user " + user + " restored folder " + folder.getId() + " as '" + folder.getName() + "'");
        return Node.of(folder);
    }

    @Override
    public void purge(String user, String id) {
        UserFileCount counter = files.lockCounter(user);
        NodeRef ref = NodeLookup.ref(id);
        if (ref.kind() == NodeRef.Kind.FILE) {
            files.purge(counter, List.of(trashedFile(user, ref)));
        } else {
            purgeFolder(counter, trashedFolder(user, ref));
        }
        LOG.info(() -> "user " + user + " purged " + id);
    }

    @Override
    public void empty(String user) {
        int purged = purgeTrashedBefore(user, LocalDateTime.MAX);
        LOG.info(() -> "user " + user + " emptied the trash: " + purged + " nodes purged");
    }

    @Override
    public List<String> usersWithTrashBefore(LocalDateTime cutoff, int max) {
        return Stream.concat(
                        em.createNamedQuery("Folder.trashedBefore", String.class).setParameter("cutoff", cutoff)
                                .setMaxResults(max).getResultList().stream(),
                        em.createNamedQuery("UserFile.trashedBefore", String.class).setParameter("cutoff", cutoff)
                                .setMaxResults(max).getResultList().stream())
                .distinct().limit(max).toList();
    }

    @Override
    public int purgeTrashedBefore(String user, LocalDateTime cutoff) {
        UserFileCount counter = files.lockCounter(user);
        List<Folder> folders = em.createNamedQuery("Folder.trashOf", Folder.class).setParameter("user", user)
                .getResultList().stream().filter(f -> f.getTrash().trashedAt().isBefore(cutoff)).toList();
        List<UserFile> trashedFiles = em.createNamedQuery("UserFile.trashOf", UserFile.class)
                .setParameter("user", user).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream()
                .filter(f -> f.getTrash().trashedAt().isBefore(cutoff)).toList();
        folders.forEach(folder -> purgeFolder(counter, folder));
        files.purge(counter, trashedFiles);
        return folders.size() + trashedFiles.size();
    }

    /** The subtree's folders level by level (the unique key (user, parent_id, name) serves each level), then its files. */
    private void purgeFolder(UserFileCount counter, Folder top) {
        List<Long> subtree = new ArrayList<>();
        List<Long> level = List.of(top.getId());
        while (!level.isEmpty()) {
            subtree.addAll(level);
            level = em.createQuery("select f.id from Folder f where f.user = :user and f.parentId in :parents",
                    Long.class).setParameter("user", top.getUser()).setParameter("parents", level).getResultList();
        }
        files.purge(counter, em.createQuery("select u from UserFile u where u.folderId in :folders", UserFile.class)
                .setParameter("folders", subtree).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
        em.createQuery("delete from Folder f where f.id in :folders").setParameter("folders", subtree).executeUpdate();
    }

    private UserFile trashedFile(String user, NodeRef ref) {
        UserFile file = nodes.anyFile(user, ref, LockModeType.PESSIMISTIC_WRITE);
        if (!file.isTrashed()) {
            throw NodeLookup.notFound();
        }
        return file;
    }

    private Folder trashedFolder(String user, NodeRef ref) {
        Optional<Folder> folder = ref.kind() == NodeRef.Kind.FOLDER
                ? Optional.of(nodes.anyFolder(user, ref.rowId())) : Optional.empty();
        return folder.filter(Folder::isTrashed).orElseThrow(NodeLookup::notFound);
    }
}
