package org.clouddisk.drive;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.clouddisk.account.UserInfo;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.files.FileInfo;
import org.clouddisk.files.FileRenaming;
import org.clouddisk.files.FileService;
import org.clouddisk.files.Folder;
import org.clouddisk.files.FolderCounts;
import org.clouddisk.files.LivePlaces;
import org.clouddisk.files.NameIndex;
import org.clouddisk.files.Quotas;
import org.clouddisk.files.UserFile;
import org.clouddisk.files.UserFileCount;
import org.clouddisk.platform.PageWindow;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Every change of a user's tree first locks the user's counter row (as every change of the user's files does), so
 * a user's tree changes run one after the other: the ancestry a move checks cannot change before it commits, and
 * the free-name check before an insert or rename cannot be overtaken. The unique keys of user_folder and
 * user_file_list stand behind both. Locks then follow the order of DefaultFileService (the file row, the content,
 * the share counter).
 */
@Stateless
public class DefaultDriveService implements DriveService {

    private static final Logger LOG = Logger.getLogger(DefaultDriveService.class.getName());

    @PersistenceContext
    EntityManager em;

    @EJB
    FileService files;

    @Inject
    LivePlaces live;

    @Inject
    Quotas quotas;

    @Inject
    Event<FileRenaming> renaming;

    @Inject
    NodeLookup nodes;

    @Inject
    NameIndex names;

    @Inject
    FolderCounts folders;

    @Override
    // a read: no JTA transaction to begin and enlist (at READ COMMITTED a transaction would not make its queries
    // one snapshot either)
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Account account(String user) {
        String nickname = em.createNamedQuery("UserInfo.byName", UserInfo.class).setParameter("name", user)
                .getResultList().stream().findFirst().map(UserInfo::getNickName).orElse(user);
        return new Account(user, nickname, quotas.of(user));
    }

    @Override
    public Node node(String user, String id) {
        NodeRef ref = ref(id);
        if (ref.kind() == NodeRef.Kind.FILE) {
            UserFile file = nodes.liveFile(user, ref, LockModeType.NONE);
            return Node.of(file, nodes.content(file)).withPath(nodes.pathTo(nodes.anyFolder(user, file.getFolderId())));
        }
        Folder folder = nodes.liveFolder(user, ref);
        return Node.of(folder).withPath(folder.isRoot() ? List.of() : nodes.pathTo(nodes.parentOf(folder)));
    }

    @Override
    // a read, see account
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Page<Node> children(String user, String folderId, ChildOrder order, boolean descending, Paging paging) {
        Folder folder = nodes.liveFolder(user, ref(folderId));
        long folderCount = em.createQuery("select count(f) from Folder f where f.user = :user and f.parentId = :parent",
                Long.class).setParameter("user", user).setParameter("parent", folder.getId()).getSingleResult();
        long fileCount = folder.getFileCount();
        List<Node> items = new ArrayList<>(paging.limit());
        if (paging.offset() < folderCount) {
            em.createQuery("select f from Folder f where f.user = :user and f.parentId = :parent order by "
                            + order.folders(descending), Folder.class)
                    .setParameter("user", user).setParameter("parent", folder.getId())
                    .setFirstResult(paging.offset()).setMaxResults(paging.limit())
                    .getResultList().stream().map(Node::of).forEach(items::add);
        }
        int filesWanted = paging.limit() - items.size();
        if (filesWanted > 0 && (long) paging.offset() + paging.limit() > folderCount) {
            // a page in the files' second half is read from their other end: an offset walks what it skips
            PageWindow window = PageWindow.of(Math.max(0, paging.offset() - folderCount), filesWanted, fileCount);
            if (!window.isEmpty()) {
                items.addAll(window.inListOrder(em.createQuery("select " + Node.FILE_COLUMNS
                                + " from UserFile u where u.folderId = :folder order by "
                                + order.files(descending != window.fromEnd()), Object[].class)
                        .setParameter("folder", folder.getId())
                        .setFirstResult(window.offset()).setMaxResults(window.length())
                        .getResultList().stream().map(row -> Node.ofFileColumns(row, folder.getId())).toList()));
            }
        }
        return new Page<>(items, folderCount + fileCount);
    }

    @Override
    public long folderRow(String user, String folderId) {
        return nodes.liveFolder(user, ref(folderId)).getId();
    }

    @Override
    public AddedUpload addUpload(String user, long folderRow, String name, String md5, long size, String fileId) {
        UserFileCount counter = files.lockCounter(user);
        Folder folder = live.folder(user, folderRow).orElseGet(() -> files.root(user));
        FileService.RecordedUpload recorded = files.recordUpload(counter, folder, md5, nodes.freeName(folder, name),
                size, fileId);
        return new AddedUpload(recorded.file() == null ? null : NodeRef.file(recorded.file().getId()),
                recorded.outcome());
    }

    @Override
    public Node createFolder(String user, String parentId, String name) {
        files.lockCounter(user);
        Folder parent = nodes.liveFolder(user, ref(parentId));
        requireFreeName(parent, name);
        var folder = new Folder(user, parent.getId(), name, LocalDateTime.now());
        em.persist(folder);
        em.flush(); // the unique key stands behind the check above
        LOG.info(() -> "user " + user + " created folder " + folder.getId() + " '" + name + "' in " + parent.getId());
        return Node.of(folder);
    }

    @Override
    public Node update(String user, String id, Optional<String> name, Optional<String> parentId) {
        files.lockCounter(user);
        NodeRef ref = ref(id);
        Optional<Folder> target = parentId.map(p -> nodes.liveFolder(user, ref(p)));
        LocalDateTime now = LocalDateTime.now();
        if (ref.kind() == NodeRef.Kind.FILE) {
            UserFile file = nodes.liveFile(user, ref, LockModeType.PESSIMISTIC_WRITE);
            Folder into = target.orElseGet(() -> nodes.anyFolder(user, file.getFolderId()));
            String newName = name.orElse(file.getFileName());
            if (into.getId() != file.getFolderId() || !newName.equals(file.getFileName())) {
                requireFreeName(into, newName);
                boolean renamed = !newName.equals(file.getFileName());
                if (renamed) {
                    renaming.fire(new FileRenaming(file));
                    names.remove(file); // before the change: the rows' keys come from the name the database holds
                }
                folders.moved(file.getFolderId(), into.getId());
                file.place(into.getId(), newName, now);
                em.flush();
                if (renamed) {
                    names.add(file);
                }
                LOG.info(() -> "user " + user + " placed file " + file.getId() + " as '" + newName + "' in " + into.getId());
            }
            return Node.of(file, nodes.content(file));
        }
        Folder folder = nodes.liveFolder(user, ref);
        if (folder.isRoot()) {
            throw new ProblemException(ProblemCode.INVALID, "the root folder cannot be renamed or moved");
        }
        Folder into = target.orElseGet(() -> nodes.parentOf(folder));
        String newName = name.orElse(folder.getName());
        if (into.getId() != folder.getParentId() || !newName.equals(folder.getName())) {
            requireOutsideOf(folder, into);
            requireFreeName(into, newName);
            folder.place(into.getId(), newName, now);
            em.flush();
            LOG.info(() -> "user " + user + " placed folder " + folder.getId() + " as '" + newName + "' in " + into.getId());
        }
        return Node.of(folder);
    }

    @Override
    public Node addFile(String user, String folderId, String name, String md5, long size) {
        UserFileCount counter = files.lockCounter(user);
        Folder folder = nodes.liveFolder(user, ref(folderId));
        if (!quotas.of(user).fits(size)) {
            throw new ProblemException(ProblemCode.QUOTA_EXCEEDED, size + " bytes more do not fit in the quota");
        }
        UserFile file = files.addReference(counter, folder, md5, size, nodes.freeName(folder, name))
                .orElseThrow(() -> new ProblemException(ProblemCode.UNKNOWN_CONTENT, "no such content any more"));
        return Node.of(file, nodes.content(file));
    }

    @Override
    public FileContent content(String user, String id) {
        UserFile file = nodes.liveFile(user, ref(id), LockModeType.NONE);
        return new FileContent(nodes.content(file), file.getFileName());
    }

    @Override
    public void countDownload(String user, String id) {
        em.createNamedQuery("UserFile.countPv").setParameter("id", nodes.liveFile(user, ref(id), LockModeType.NONE).getId())
                .executeUpdate();
    }

    @Override
    public Optional<Node> find(String user, String id) {
        return NodeRef.parse(id).flatMap(ref -> liveWithin(user, ref, null));
    }

    @Override
    public Optional<Node> findWithin(String user, String top, String id) {
        Optional<NodeRef> topRef = NodeRef.parse(top);
        Optional<NodeRef> ref = NodeRef.parse(id);
        if (topRef.isEmpty() || ref.isEmpty()) {
            return Optional.empty();
        }
        if (topRef.get().kind() == NodeRef.Kind.FILE) { // a file's subtree is the file
            return topRef.get().equals(ref.get()) ? liveWithin(user, ref.get(), null) : Optional.empty();
        }
        Long topFolder = topRef.get().kind() == NodeRef.Kind.ROOT ? files.root(user).getId() : topRef.get().rowId();
        return liveWithin(user, ref.get(), topFolder);
    }

    /**
     * The node when it is live and within {@code topFolder} (null: anywhere): a file when it is not trashed and its
     * folder is; a folder when one statement finds nothing trashed on its way up and the top folder on it.
     */
    private Optional<Node> liveWithin(String user, NodeRef ref, Long topFolder) {
        if (ref.kind() == NodeRef.Kind.FILE) {
            return em.createNamedQuery("UserFile.ofUser", UserFile.class).setParameter("id", ref.rowId())
                    .setParameter("user", user).getResultList().stream().findFirst()
                    .filter(file -> !file.isTrashed() && liveFolder(user, file.getFolderId(), topFolder).isPresent())
                    .map(file -> Node.of(file, nodes.content(file)));
        }
        long start = ref.kind() == NodeRef.Kind.FOLDER ? ref.rowId() : files.root(user).getId();
        return liveFolder(user, start, topFolder).map(Node::of);
    }

    private Optional<Folder> liveFolder(String user, long folderId, Long topFolder) {
        return topFolder == null ? live.folder(user, folderId) : live.folderWithin(user, folderId, topFolder);
    }

    /** The folder and its ancestors up to root are read under the user's lock: no move can change them meanwhile. */
    private void requireOutsideOf(Folder moving, Folder target) {
        for (Folder f = target; ; f = nodes.parentOf(f)) {
            if (f.getId().equals(moving.getId())) {
                throw new ProblemException(ProblemCode.CYCLE, "a folder cannot go into itself or its subtree");
            }
            if (f.isRoot()) {
                return;
            }
        }
    }

    /** Names are unique within a folder, among its folders and files alike. */
    private void requireFreeName(Folder folder, String name) {
        if (nodes.isTaken(folder, name)) {
            throw new ProblemException(ProblemCode.NAME_CONFLICT, "the folder already holds a node named '" + name + "'");
        }
    }

    private static NodeRef ref(String id) {
        return NodeLookup.ref(id);
    }
}
