package org.clouddisk.files;

import java.util.List;
import java.util.Optional;

/**
 * A person's files as the seed's protocol sees them: the files of the user's root folder, new files going there.
 * Each method is one container-managed transaction that keeps file_info.count, user_file_list and
 * user_file_count (the user's files in every folder) consistent; callers run it through {@code Conflicts.retry}
 * because a concurrent transaction may win a unique key or a lock first.
 */
public interface FileService {

    /** Records a verified upload whose content was just stored as {@code fileId}. */
    UploadOutcome recordUpload(String user, String md5, String fileName, long size, String fileId);

    /**
     * Records a verified upload as a file of {@code folder} named {@code fileName} (a name nothing in the folder has),
     * in the caller's transaction, which holds the user's counter lock ({@code files}). Dedup as for /upload: when the
     * content is held already, the file references it and {@code fileId}'s copy is redundant (EXISTING_CONTENT).
     */
    RecordedUpload recordUpload(UserFileCount files, Folder folder, String md5, String fileName, long size,
                                String fileId);

    /** What {@link #recordUpload(UserFileCount, Folder, String, String, long, String)} did, and its new file. */
    record RecordedUpload(UploadOutcome outcome, UserFile file) {
    }

    /** Adds a reference to content the server holds (instant upload, saving a shared file). */
    ReferenceOutcome addReference(String user, String md5, String fileName);

    /**
     * Adds a reference to content the server holds with exactly that size, as a new file named {@code fileName} in
     * the folder (the caller chose a free name), in the caller's transaction, which holds the user's counter lock
     * and checked the quota; empty when no file outside the trash holds such content.
     */
    Optional<UserFile> addReference(UserFileCount counter, Folder folder, String md5, long size, String fileName);

    /** Whether the user's root folder holds a file of that md5 under that name; a read outside any transaction. */
    boolean owns(String user, String md5, String fileName);

    /** The number of files in the user's root folder. */
    int count(String user);

    /** A page of the user's root folder. */
    List<FileItem> list(String user, FileOrder order, int start, int count);

    /**
     * /dealfile?cmd=del: moves the file to the trash (of several copies, the one in root: the desktop client's list);
     * false when the user has no such file outside it.
     */
    boolean trash(String user, String md5, String fileName);

    /**
     * Deletes trashed files for good, in the caller's transaction, which holds the user's counter lock: their
     * content references are released, and content nobody references any more is scheduled for deletion.
     */
    void purge(UserFileCount counter, List<UserFile> trashedFiles);

    /** /dealfile?cmd=pv: false when the user has no such file (of several copies, the one in root counts). */
    boolean countDownload(String user, String md5, String fileName);

    /**
     * The user's file (md5, name), locked for the caller's transaction (sharing changes its share state). When the
     * user holds that pair in several folders: the one in the public share list, else the one in root, else the
     * oldest.
     */
    Optional<UserFile> lockFile(String user, String md5, String fileName);

    /**
     * The user's root folder, created on first use under the user's counter lock ({@link #lockCounter}), so that no
     * two roots are ever created; joins the caller's transaction.
     */
    Folder root(String user);

    /**
     * Locks (creating it on first use) the counter row of a user, or of {@link UserFileCount#SHARED_FILES}; joins
     * the caller's transaction.
     */
    UserFileCount lockCounter(String user);

    /** The content stored under that id, if a file_info row names it (trashed files count: see LivePlaces). */
    Optional<FileInfo> content(String fileId);
}
