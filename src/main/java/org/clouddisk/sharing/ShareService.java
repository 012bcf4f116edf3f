package org.clouddisk.sharing;

import org.clouddisk.files.FileItem;
import org.clouddisk.files.ReferenceOutcome;

import java.util.List;

/**
 * The public share list and its ranking. Changing methods are one container-managed transaction each, keeping
 * share_file_list, user_file_list.shared_status and the public share count together; callers run them through
 * {@code Conflicts.retry}.
 */
public interface ShareService {

    ShareOutcome share(String user, String md5, String fileName);

    /** false when this user has not shared this file. */
    boolean cancel(String user, String md5, String fileName);

    /** Copies a shared file into the user's own files; UNKNOWN_CONTENT when it is not shared. */
    ReferenceOutcome save(String user, String md5, String fileName);

    /** Public download count +1; false when the file is not shared. */
    boolean countDownload(String md5, String fileName);

    int count();

    /** Newest share first. */
    List<FileItem> list(int start, int count);

    /** Replaces the ranking with the share list of the database (reconciliation). */
    void rebuildRanking();

    /** The ranking by public pv, from the ranking store when it agrees with the database, else from the database. */
    List<RankedFile> ranking(boolean descending, int start, int count);
}
