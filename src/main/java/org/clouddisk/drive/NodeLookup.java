package org.clouddisk.drive;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.files.FileInfo;
import org.clouddisk.files.FileService;
import org.clouddisk.files.Folder;
import org.clouddisk.files.LivePlaces;
import org.clouddisk.files.UserFile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A user's nodes by id, in the caller's transaction. {@code live*} finds nodes outside the trash only (neither the
 * node nor a folder above it trashed); anything else of the user's, or anybody else's, is {@code not_found}.
 */
@ApplicationScoped
class NodeLookup {

    @PersistenceContext
    EntityManager em;

    @EJB
    FileService files;

    @Inject
    LivePlaces live;

    Folder liveFolder(String user, NodeRef ref) {
        return switch (ref.kind()) {
            case ROOT -> files.root(user);
            case FOLDER -> live.folder(user, ref.rowId()).orElseThrow(NodeLookup::notFound);
            case FILE -> throw notFound();
        };
    }

    UserFile liveFile(String user, NodeRef ref, LockModeType lock) {
        UserFile file = anyFile(user, ref, lock);
        if (!live.isLive(file)) {
            throw notFound();
        }
        return file;
    }

    /** The file whether or not it is in the trash. */
    UserFile anyFile(String user, NodeRef ref, LockModeType lock) {
        if (ref.kind() != NodeRef.Kind.FILE) {
            throw notFound();
        }
        return em.createNamedQuery("UserFile.ofUser", UserFile.class).setParameter("id", ref.rowId())
                .setParameter("user", user).setLockMode(lock).getResultList().stream().findFirst()
                .orElseThrow(NodeLookup::notFound);
    }

    /** The folder whether or not it is in the trash. */
    Folder anyFolder(String user, long rowId) {
        return em.createNamedQuery("Folder.ofUser", Folder.class).setParameter("id", rowId)
                .setParameter("user", user).getResultList().stream().findFirst().orElseThrow(NodeLookup::notFound);
    }

    Folder parentOf(Folder folder) {
        return anyFolder(folder.getUser(), folder.getParentId());
    }

    /** The folders from root down to {@code folder}, a live one. */
    List<Node.PathStep> pathTo(Folder folder) {
        List<Node.PathStep> steps = new ArrayList<>();
        for (Folder f = folder; ; f = parentOf(f)) {
            steps.add(new Node.PathStep(NodeRef.folder(f.getId()), f.getName()));
            if (f.isRoot()) {
                Collections.reverse(steps);
                return steps;
            }
        }
    }

    FileInfo content(UserFile file) {
        return em.createNamedQuery("FileInfo.byMd5", FileInfo.class).setParameter("md5", file.getMd5())
                .getSingleResult();
    }

    /** Whether a node of the folder, folder or file, has this name. */
    boolean isTaken(Folder folder, String name) {
        return em.createQuery("select count(f) from Folder f where f.user = :user and f.parentId = :parent"
                        + " and f.name = :name", Long.class).setParameter("user", folder.getUser())
                .setParameter("parent", folder.getId()).setParameter("name", name).getSingleResult()
                + em.createQuery("select count(u) from UserFile u where u.folderId = :folder and u.fileName = :name",
                        Long.class).setParameter("folder", folder.getId()).setParameter("name", name).getSingleResult()
                > 0;
    }

    /** {@code name}, or when a node of the folder has it {@code name (1)}, {@code name (2)} ... before the extension. */
    String freeName(Folder folder, String name) {
        String candidate = name;
        for (int n = 1; isTaken(folder, candidate); n++) {
            candidate = NodeNames.numbered(name, n);
        }
        return candidate;
    }

    static NodeRef ref(String id) {
        return NodeRef.parse(id).orElseThrow(NodeLookup::notFound);
    }

    static ProblemException notFound() {
        return new ProblemException(ProblemCode.NOT_FOUND, "no such node");
    }
}
