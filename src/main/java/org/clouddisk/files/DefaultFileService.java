package org.clouddisk.files;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.clouddisk.platform.PageWindow;
import org.clouddisk.web.FileNames;

import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.logging.Logger;

/**
 * Lock order, the same in every transaction to keep deadlocks rare: the user's counter row, then the user's file
 * row, then the content's file_info row, then (sharing) the public share counter, then share_file_list rows. One
 * exception: a file added by reference (/md5) inserts its new row before it locks the counter.
 */
@Stateless
public class DefaultFileService implements FileService {

    private static final Logger LOG = Logger.getLogger(DefaultFileService.class.getName());
    /**
     * The files of a user's root folder {@code r}, found in the same query: the root's unique key (user, parent_id,
     * name) makes it a constant for MariaDB, so the files' index keeps its order, and the root is not read first.
     */
    private static final String ROOT_FILES = " from UserFile u, Folder r where r.user = :user and r.parentId = "
            + Folder.NO_PARENT + " and r.name = '' and u.folderId = r.id";

    /**
     * What recording an upload in the root reads, in one statement: the root (by its unique key), the id of the
     * same file in it (null: not there) and the user's own quota limit (null: the default one).
     */
    private static final String ROOT_WITH_FILE_AND_LIMIT = "select r, u.id, i.quotaBytes from Folder r"
            + " left join UserInfo i on i.userName = r.user left join UserFile u on u.folderId = r.id"
            + " and u.md5 = :md5 and u.fileName = :fileName where r.user = :user and r.parentId = "
            + Folder.NO_PARENT + " and r.name = ''";

    @PersistenceContext
    EntityManager em;

    @Resource
    SessionContext context;

    @Inject
    ContentUrls urls;

    @Inject
    Event<ContentReleased> released;

    @EJB
    ContentDeletions deletions;

    @Inject
    Quotas quotas;

    @Inject
    LivePlaces live;

    @Inject
    Event<FileRemoving> removing;

    @Inject
    NameIndex names;

    @Inject
    FolderCounts folders;

    @Inject
    Event<FileTrashing> trashing;

    @Override
    public ReferenceOutcome addReference(String user, String md5, String fileName) {
        OptionalLong size = live.heldSize(md5);
        if (size.isEmpty()) {
            return ReferenceOutcome.UNKNOWN_CONTENT; // the common miss answers without taking a lock
        }
        RootPlace place = rootPlace(user, md5, fileName);
        if (place.holdsFile()) {
            return ReferenceOutcome.ALREADY_OWNED;
        }
        // The file's row and its name's grams go in before the user's counter and the content's row are locked:
        // every change of the user's files, and every reference to the content, waits for those two rows until this
        // commits, so they are held for the counts and the commit only. A concurrent insert of the same file waits
        // for this one's commit and fails on the unique key (Conflicts.retry then finds the file owned).
        insert(place.root(), md5, size.getAsLong(), fileName);
        UserFileCount files = lockCounter(user);
        Optional<FileInfo> content = lockContent(md5);
        if (content.isEmpty()) {
            return undone(ReferenceOutcome.UNKNOWN_CONTENT);
        }
        if (!quotas.of(files, place.ownLimit()).fits(content.get().getSize())) {
            return undone(ReferenceOutcome.QUOTA_EXCEEDED);
        }
        count(files, content.get(), place.root());
        LOG.info(() -> "user " + user + " references " + md5 + " as '" + fileName + "'");
        return ReferenceOutcome.ADDED;
    }

    /** An outcome that keeps nothing of what its transaction wrote. */
    private ReferenceOutcome undone(ReferenceOutcome outcome) {
        context.setRollbackOnly();
        return outcome;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<UserFile> addReference(UserFileCount counter, Folder folder, String md5, long size,
                                           String fileName) {
        if (!live.holds(md5)) {
            return Optional.empty();
        }
        Optional<UserFile> added = lockContent(md5).filter(content -> content.getSize() == size)
                .map(content -> link(counter, content, folder, fileName));
        added.ifPresent(file -> LOG.info(() -> "user " + folder.getUser() + " references " + md5 + " as '" + fileName
                + "' in folder " + folder.getId()));
        return added;
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean owns(String user, String md5, String fileName) {
        // the root joined by its unique key, as for the list: one read, not the root's and then the file's
        return em.createQuery("select count(u)" + ROOT_FILES + " and u.md5 = :md5 and u.fileName = :fileName",
                Long.class).setParameter("user", user).setParameter("md5", md5).setParameter("fileName", fileName)
                .getSingleResult() > 0;
    }

    @Override
    public UploadOutcome recordUpload(String user, String md5, String fileName, long size, String fileId) {
        UserFileCount files = lockCounter(user);
        RootPlace place = rootPlace(user, md5, fileName);
        if (place.holdsFile()) {
            return UploadOutcome.ALREADY_OWNED;
        }
        return record(files, place.root(), place.ownLimit(), md5, fileName, size, fileId).outcome();
    }

    /** The user's root, whether the file is in it, and the user's own quota limit (null: the default one). */
    private record RootPlace(Folder root, boolean holdsFile, Long ownLimit) {
    }

    /** One read when the root exists (each statement is a round trip); the user's first file makes it. */
    private RootPlace rootPlace(String user, String md5, String fileName) {
        List<Object[]> rows = em.createQuery(ROOT_WITH_FILE_AND_LIMIT, Object[].class).setParameter("user", user)
                .setParameter("md5", md5).setParameter("fileName", fileName).getResultList();
        if (rows.isEmpty()) {
            return new RootPlace(root(user), false, quotas.ownLimit(user));
        }
        Object[] row = rows.get(0);
        return new RootPlace((Folder) row[0], row[1] != null, (Long) row[2]);
    }

    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public RecordedUpload recordUpload(UserFileCount files, Folder folder, String md5, String fileName, long size,
                                       String fileId) {
        return record(files, folder, quotas.ownLimit(files.getUser()), md5, fileName, size, fileId);
    }

    /** {@code own}: the user's own quota limit, null for the default one. */
    private RecordedUpload record(UserFileCount files, Folder folder, Long own, String md5, String fileName, long size,
                                  String fileId) {
        String user = files.getUser();
        if (!quotas.of(files, own).fits(size)) {
            LOG.info(() -> "upload of " + size + " bytes for " + user + " refused: over quota");
            return new RecordedUpload(UploadOutcome.QUOTA_EXCEEDED, null);
        }
        Optional<FileInfo> existing = lockContent(md5);
        FileInfo content = existing.orElseGet(() -> new FileInfo(md5, fileId, urls.of(fileId), size,
                FileNames.type(fileName)));
        UserFile file = link(files, content, folder, fileName);
        if (existing.isEmpty()) {
            em.persist(content); // with its first reference counted: one insert, not an insert and then an update
        }
        LOG.info(() -> "user " + user + " uploaded " + md5 + " (" + size + " bytes) as '" + fileName + "'"
                + (existing.isPresent() ? ", content already held as " + content.getFileId() : ", stored as " + fileId));
        return new RecordedUpload(existing.isPresent() ? UploadOutcome.EXISTING_CONTENT : UploadOutcome.NEW_CONTENT,
                file);
    }

    private UserFile link(UserFileCount files, FileInfo content, Folder folder, String fileName) {
        UserFile file = insert(folder, content.getMd5(), content.getSize(), fileName);
        count(files, content, folder);
        return file;
    }

    /** The file's row and its name's grams. */
    private UserFile insert(Folder folder, String md5, long size, String fileName) {
        var file = new UserFile(folder.getUser(), folder.getId(), md5, size, fileName, LocalDateTime.now());
        em.persist(file);
        em.flush(); // a concurrent insert of the same file surfaces here, inside Conflicts.retry
        names.add(file);
        return file;
    }

    /**
     * One more file for the user, one more reference to the content (both rows locked by the caller), one more file
     * in the folder (its row locked last).
     */
    private void count(UserFileCount files, FileInfo content, Folder folder) {
        content.reference();
        files.addFile(1, content.getSize());
        folders.entered(folder.getId());
    }

    @Override
    // a read: no JTA transaction to begin and enlist (at READ COMMITTED a transaction would not make its queries
    // one snapshot either)
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public int count(String user) {
        return folders.rootFiles(user);
    }

    /**
     * A deferred join in one statement: the page's ids come from the index alone (folder, order columns, id) in a
     * derived table, then only those rows are read and joined. (It was two statements: each is a round trip, and
     * without a transaction a connection checkout.) An offset still walks every index entry it skips, so a page in
     * the list's second half is taken from its other end ({@link PageWindow}), the root's file count giving the list's
     * length in one row: the last page of 100,000 files took 13 ms from the first end, against 1 ms for the first.
     */
    @Override
    // a read, see count
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<FileItem> list(String user, FileOrder order, int start, int count) {
        PageWindow window = start > 0 ? PageWindow.of(start, count, folders.rootFiles(user)) : PageWindow.first(count);
        if (window.isEmpty()) {
            return List.of();
        }
        String pageOrder = window.fromEnd() ? order.reversedOrderBy("u") : order.orderBy("u");
        return em.createQuery("select v.user, v.fileName, v.createTime, v.sharedStatus, v.pv, "
                        + FileItem.CONTENT_COLUMNS + " from (select u.id as id" + ROOT_FILES + " order by " + pageOrder
                        + " offset :start rows fetch first :count rows only) page join UserFile v on v.id = page.id"
                        + " join FileInfo f on f.md5 = v.md5 order by " + order.orderBy("v"), Object[].class)
                .setParameter("user", user).setParameter("start", window.offset()).setParameter("count", window.length())
                .getResultList().stream().map(row -> FileItem.of((String) row[0], (String) row[1], (LocalDateTime) row[2],
                        UserFile.isSharedStatus((Integer) row[3]), (Integer) row[4], row, 5, urls)).toList();
    }

    @Override
    public boolean trash(String user, String md5, String fileName) {
        lockCounter(user);
        Optional<UserFile> file = chooseFile(user, md5, fileName, LockModeType.PESSIMISTIC_WRITE, true);
        if (file.isEmpty()) {
            return false;
        }
        trashing.fire(new FileTrashing(file.get()));
        folders.left(file.get().getFolderId());
        file.get().trash(LocalDateTime.now());
        LOG.info(() -> "user " + user + " put '" + fileName + "' (" + md5 + ") in the trash");
        return true;
    }

    /** Content rows are locked in md5 order, so that purges of files sharing content cannot deadlock. */
    @Override
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void purge(UserFileCount counter, List<UserFile> trashedFiles) {
        for (UserFile file : trashedFiles.stream().sorted(Comparator.comparing(UserFile::getMd5)).toList()) {
            FileInfo content = lockContent(file.getMd5()).orElseThrow(
                    () -> new IllegalStateException("file_info row missing for referenced content " + file.getMd5()));
            removing.fire(new FileRemoving(file));
            names.remove(file);
            em.remove(file);
            counter.addFile(-1, content.getSize());
            if (content.release() == 0) {
                em.remove(content);
                deletions.schedule(content.getFileId(), content.getMd5());
                released.fire(new ContentReleased(content.getMd5(), content.getFileId()));
            }
        }
    }

    /**
     * The copy is chosen by reads and counted by one update of its row, so that the row, which every download of the
     * file counts on, is locked for that update and the commit only. A copy trashed or deleted in between is not
     * counted: as if it had gone just before.
     */
    @Override
    public boolean countDownload(String user, String md5, String fileName) {
        return chooseFile(user, md5, fileName, LockModeType.NONE, true).map(file -> em.createNamedQuery(
                "UserFile.countPv").setParameter("id", file.getId()).executeUpdate() == 1).orElse(false);
    }

    /** A plain read: no transaction to enlist. */
    @Override
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<FileInfo> content(String fileId) {
        return em.createNamedQuery("FileInfo.byFileId", FileInfo.class).setParameter("fileId", fileId)
                .getResultList().stream().findFirst();
    }

    @Override
    public UserFileCount lockCounter(String user) {
        return em.createNamedQuery("UserFileCount.byUser", UserFileCount.class).setParameter("user", user)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream().findFirst()
                .orElseGet(() -> {
                    var counter = new UserFileCount(user);
                    em.persist(counter);
                    em.flush(); // a concurrent first change of the same user surfaces here, inside Conflicts.retry
                    return counter;
                });
    }

    @Override
    public Optional<UserFile> lockFile(String user, String md5, String fileName) {
        return chooseFile(user, md5, fileName, LockModeType.PESSIMISTIC_WRITE, false);
    }

    /**
     * The copy the seed's protocol means when the user holds (md5, name) in several folders: for the share list's
     * commands the one in the public list, then the one in root, then the oldest; for the commands on the user's own
     * list (rootFirst: del, pv) the one in root, the only folder the desktop client lists, then the shared one, then
     * the oldest.
     */
    private Optional<UserFile> chooseFile(String user, String md5, String fileName, LockModeType lock,
                                          boolean rootFirst) {
        List<UserFile> copies = em.createNamedQuery("UserFile.find", UserFile.class).setParameter("user", user)
                .setParameter("md5", md5).setParameter("fileName", fileName)
                .setLockMode(lock).getResultList().stream().filter(live::isLive).toList();
        if (copies.size() <= 1) {
            return copies.stream().findFirst();
        }
        long rootId = findRoot(user).map(Folder::getId).orElse(Folder.NO_PARENT);
        Comparator<UserFile> inRoot = Comparator.comparing(f -> f.getFolderId() != rootId);
        Comparator<UserFile> shared = Comparator.comparing(f -> !f.isShared());
        return copies.stream().min((rootFirst ? inRoot.thenComparing(shared) : shared.thenComparing(inRoot))
                .thenComparing(UserFile::getId));
    }

    @Override
    public Folder root(String user) {
        return findRoot(user).orElseGet(() -> {
            lockCounter(user); // held already by every change of the user's files; taken here for first reads
            return findRoot(user).orElseGet(() -> {
                var root = new Folder(user, Folder.NO_PARENT, "", LocalDateTime.now());
                em.persist(root);
                return root;
            });
        });
    }

    private Optional<Folder> findRoot(String user) {
        return em.createNamedQuery("Folder.root", Folder.class).setParameter("user", user).getResultList().stream()
                .findFirst();
    }

    private Optional<FileInfo> lockContent(String md5) {
        return em.createNamedQuery("FileInfo.byMd5", FileInfo.class).setParameter("md5", md5)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList().stream().findFirst();
    }
}
