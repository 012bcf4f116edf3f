package org.clouddisk.drive;

import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.files.FileInfo;
import org.clouddisk.files.FileService;
import org.clouddisk.files.Quota;
import org.clouddisk.files.UploadOutcome;

import java.util.Optional;

/**
 * A user's drive: folders and files as nodes. Each method is one container-managed transaction; the changing ones
 * run through {@code Conflicts.retry}. A node id that names nothing of this user's ends the call with a
 * {@code not_found} problem, never a hint that somebody else's node exists.
 */
public interface DriveService {

    /** The account summary: {"user","nickname","quota":{"used","limit"}}. */
    Account account(String user);

    /** The node with its path from root to its parent. */
    Node node(String user, String id);

    /** A page of a folder's nodes, folders first. */
    Page<Node> children(String user, String folderId, ChildOrder order, boolean descending, Paging paging);

    /** A new folder in the given one; {@code name_conflict} when a node of the folder has that name. */
    Node createFolder(String user, String parentId, String name);

    /**
     * Renames and/or moves a node: {@code name_conflict} when the target folder has a node of that name,
     * {@code cycle} when a folder would go into itself or its subtree.
     */
    Node update(String user, String id, Optional<String> name, Optional<String> parentId);

    /**
     * A new file of content the server holds (an instant upload whose proof passed) in the folder, under the name or,
     * when a node of the folder has it, the first free {@code name (1)}, {@code name (2)} ...: {@code not_found} when
     * the folder is not the user's or is in the trash, {@code unknown_content} when no file outside the trash holds
     * content of that md5 and size any more, {@code quota_exceeded} when it does not fit.
     */
    Node addFile(String user, String folderId, String name, String md5, long size);

    /** A file's content and name, for a download. */
    FileContent content(String user, String id);

    /**
     * The user's node when it is live (neither it nor a folder above it in the trash); empty for an unknown id,
     * another user's node or one in the trash. Never ends with {@code not_found}, so it leaves the caller's
     * transaction as it was.
     */
    Optional<Node> find(String user, String id);

    /**
     * As {@link #find}, when the node is {@code top} itself or lies in the subtree of the folder {@code top}
     * (both of this user's); empty otherwise.
     */
    Optional<Node> findWithin(String user, String top, String id);

    /** The file's download count +1. */
    void countDownload(String user, String id);

    /**
     * The row id of the user's live folder {@code folderId} (an upload's target), in the caller's transaction;
     * {@code not_found} for anything else (a file, a trashed folder, somebody else's).
     */
    long folderRow(String user, String folderId);

    /**
     * Adds a verified upload as a file of the folder with row id {@code folderRow} (root when that folder is no longer
     * live), named {@code name} or, when that is taken, {@code name (1)}, {@code name (2)} ... Joins the caller's
     * transaction, which holds the user's counter lock; recording is {@link FileService#recordUpload(
     * org.clouddisk.files.UserFileCount, org.clouddisk.files.Folder, String, String, long, String)}'s.
     */
    AddedUpload addUpload(String user, long folderRow, String name, String md5, long size, String fileId);

    /** The new file's node id and what recording did with the uploaded copy. */
    record AddedUpload(String nodeId, UploadOutcome outcome) {
    }

    record Account(String user, String nickname, Quota quota) {
    }

    record FileContent(FileInfo content, String name) {
    }
}
