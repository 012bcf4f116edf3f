package org.clouddisk.drive;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
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
import org.clouddisk.files.UserFile;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
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
    Event<FileRenaming> renaming;

    @Override
    public Account account(String user) {
        String nickname = em.createNamedQuery("UserInfo.byName", UserInfo.class).setParameter("name", user)
                .getResultStream().findFirst().map(UserInfo::getNickName).orElse(user);
        long used = em.createQuery("select coalesce(sum(i.size), 0) from UserFile u, FileInfo i"
                + " where i.md5 = u.md5 and u.user = :user", Long.class).setParameter("user", user).getSingleResult();
        return new Account(user, nickname, new Account.Quota(used, null));
    }

    @Override
    public Node node(String user, String id) {
        NodeRef ref = ref(id);
        if (ref.kind() == NodeRef.Kind.FILE) {
            UserFile file = file(user, ref, LockModeType.NONE);
            return Node.of(file, content(file)).withPath(pathTo(folder(user, file.getFolderId())));
        }
        Folder folder = folder(user, ref);
        return Node.of(folder).withPath(folder.isRoot() ? List.of() : pathTo(parentOf(folder)));
    }

    @Override
    public Page<Node> children(String user, String folderId, ChildOrder order, boolean descending, Paging paging) {
        Folder folder = folder(user, ref(folderId));
        long folderCount = em.createQuery("select count(f) from Folder f where f.user = :user and f.parentId = :parent",
                Long.class).setParameter("user", user).setParameter("parent", folder.getId()).getSingleResult();
        long fileCount = em.createQuery("select count(u) from UserFile u where u.folderId = :folder", Long.class)
                .setParameter("folder", folder.getId()).getSingleResult();
        List<Node> items = new ArrayList<>(paging.limit());
        if (paging.offset() < folderCount) {
            em.createQuery("select f from Folder f where f.user = :user and f.parentId = :parent order by "
                            + order.folders(descending), Folder.class)
                    .setParameter("user", user).setParameter("parent", folder.getId())
                    .setFirstResult(paging.offset()).setMaxResults(paging.limit())
                    .getResultStream().map(Node::of).forEach(items::add);
        }
        int filesWanted = paging.limit() - items.size();
        if (filesWanted > 0 && (long) paging.offset() + paging.limit() > folderCount) {
            em.createQuery("select u, i from UserFile u, FileInfo i where i.md5 = u.md5 and u.folderId = :folder"
                            + " order by " + order.files(descending), Object[].class)
                    .setParameter("folder", folder.getId())
                    .setFirstResult((int) Math.max(0, paging.offset() - folderCount)).setMaxResults(filesWanted)
                    .getResultStream().map(row -> Node.of((UserFile) row[0], (FileInfo) row[1])).forEach(items::add);
        }
        return new Page<>(items, folderCount + fileCount);
    }

    @Override
    public Node createFolder(String user, String parentId, String name) {
        files.lockCounter(user);
        Folder parent = folder(user, ref(parentId));
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
        Optional<Folder> target = parentId.map(p -> folder(user, ref(p)));
        LocalDateTime now = LocalDateTime.now();
        if (ref.kind() == NodeRef.Kind.FILE) {
            UserFile file = file(user, ref, LockModeType.PESSIMISTIC_WRITE);
            Folder into = target.orElseGet(() -> folder(user, file.getFolderId()));
            String newName = name.orElse(file.getFileName());
            if (into.getId() != file.getFolderId() || !newName.equals(file.getFileName())) {
                requireFreeName(into, newName);
                if (!newName.equals(file.getFileName())) {
                    renaming.fire(new FileRenaming(file));
                }
                file.place(into.getId(), newName, now);
                em.flush();
                LOG.info(() -> "user " + user + " placed file " + file.getId() + " as '" + newName + "' in " + into.getId());
            }
            return Node.of(file, content(file));
        }
        Folder folder = folder(user, ref);
        if (folder.isRoot()) {
            throw new ProblemException(ProblemCode.INVALID, "the root folder cannot be renamed or moved");
        }
        Folder into = target.orElseGet(() -> parentOf(folder));
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
    public FileContent content(String user, String id) {
        UserFile file = file(user, ref(id), LockModeType.NONE);
        return new FileContent(content(file), file.getFileName());
    }

    @Override
    public void countDownload(String user, String id) {
        em.createNamedQuery("UserFile.countPv").setParameter("id", file(user, ref(id), LockModeType.NONE).getId())
                .executeUpdate();
    }

    /** The folder and its ancestors up to root are read under the user's lock: no move can change them meanwhile. */
    private void requireOutsideOf(Folder moving, Folder target) {
        for (Folder f = target; ; f = parentOf(f)) {
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
        long taken = em.createQuery("select count(f) from Folder f where f.user = :user and f.parentId = :parent"
                        + " and f.name = :name", Long.class).setParameter("user", folder.getUser())
                .setParameter("parent", folder.getId()).setParameter("name", name).getSingleResult()
                + em.createQuery("select count(u) from UserFile u where u.folderId = :folder and u.fileName = :name",
                        Long.class).setParameter("folder", folder.getId()).setParameter("name", name).getSingleResult();
        if (taken > 0) {
            throw new ProblemException(ProblemCode.NAME_CONFLICT, "the folder already holds a node named '" + name + "'");
        }
    }

    /** The folders from root down to {@code folder}. */
    private List<Node.PathStep> pathTo(Folder folder) {
        List<Node.PathStep> steps = new ArrayList<>();
        for (Folder f = folder; ; f = parentOf(f)) {
            steps.add(new Node.PathStep(NodeRef.folder(f.getId()), f.getName()));
            if (f.isRoot()) {
                Collections.reverse(steps);
                return steps;
            }
        }
    }

    private Folder parentOf(Folder folder) {
        return folder(folder.getUser(), folder.getParentId());
    }

    private Folder folder(String user, NodeRef ref) {
        return switch (ref.kind()) {
            case ROOT -> files.root(user);
            case FOLDER -> folder(user, ref.rowId());
            case FILE -> throw notFound();
        };
    }

    private Folder folder(String user, long rowId) {
        return em.createNamedQuery("Folder.ofUser", Folder.class).setParameter("id", rowId)
                .setParameter("user", user).getResultStream().findFirst().orElseThrow(DefaultDriveService::notFound);
    }

    private UserFile file(String user, NodeRef ref, LockModeType lock) {
        if (ref.kind() != NodeRef.Kind.FILE) {
            throw notFound();
        }
        return em.createNamedQuery("UserFile.ofUser", UserFile.class).setParameter("id", ref.rowId())
                .setParameter("user", user).setLockMode(lock).getResultStream().findFirst()
                .orElseThrow(DefaultDriveService::notFound);
    }

    private FileInfo content(UserFile file) {
        return em.createNamedQuery("FileInfo.byMd5", FileInfo.class).setParameter("md5", file.getMd5())
                .getSingleResult();
    }

    private static NodeRef ref(String id) {
        return NodeRef.parse(id).orElseThrow(DefaultDriveService::notFound);
    }

    private static ProblemException notFound() {
        return new ProblemException(ProblemCode.NOT_FOUND, "no such node");
    }
}
