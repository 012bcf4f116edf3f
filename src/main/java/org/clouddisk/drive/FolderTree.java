package org.clouddisk.drive;

import org.clouddisk.files.Folder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** All of a user's folders in memory: which are live (not in the trash, nor under a trashed one), and paths. */
final class FolderTree {

    private final Map<Long, Folder> folders;
    private final Map<Long, Boolean> live = new HashMap<>();

    FolderTree(Map<Long, Folder> folders) {
        this.folders = folders;
    }

    /** Trashed top files have a negative folder id, which names no folder: not live either. */
    boolean isLive(long folderId) {
        Boolean known = live.get(folderId);
        if (known != null) {
            return known;
        }
        Folder folder = folders.get(folderId);
        boolean answer = folder != null && !folder.isTrashed() && (folder.isRoot() || isLive(folder.getParentId()));
        live.put(folderId, answer);
        return answer;
    }

    /** The folders from root down to the given live one. */
    List<Node.PathStep> pathTo(long folderId) {
        List<Node.PathStep> steps = new ArrayList<>();
        for (Folder f = folders.get(folderId); f != null; f = f.isRoot() ? null : folders.get(f.getParentId())) {
            steps.add(new Node.PathStep(NodeRef.folder(f.getId()), f.getName()));
        }
        Collections.reverse(steps);
        return steps;
    }
}
