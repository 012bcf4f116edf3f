package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What is live, that is outside the trash: a folder when neither it nor any folder above it is trashed, a file when it
 * is not trashed and its folder is live, a content when a live file holds it (to the seed's protocol a content held
 * only in trashes is gone). Reads only, in the caller's transaction when there is one, else without any: the
 * download path and the instant upload's common miss ask here before any transaction begins.
 */
@ApplicationScoped
public class LivePlaces {

    /** How many places of a content {@link #holds} reads at a time. */
    private static final int PLACES_PER_READ = 16;

    @PersistenceContext
    EntityManager em;

    /**
     * Whether a live file holds the content. Its rows are read as scalars: loading the file_info entity here would put
     * an unlocked copy in the persistence context, which a locking query of the caller's transaction would then
     * return as it is, stale count included. Usually the first row answers, so they are read a few at a time in id
     * order (the md5 index holds the id): a content held a million times must not bring a million rows into the heap
     * (the benchmark's 1,000 users with 1,000 files each ran the server out of memory that way). Trashed files are
     * not filtered in the query (a trashed top file's folder id names no folder, so it is not live): with
     * "trashed_at is null" MariaDB read the places through the index on trashed_at, every live file of every user in
     * id order, instead of the md5 index (0.2 s instead of 0.2 ms per /md5 hit among a million files).
     */
    public boolean holds(String md5) {
        return heldSize(md5).isPresent();
    }

    /** The content's size when a live file holds it (its places carry it), else empty. */
    public OptionalLong heldSize(String md5) {
        List<Object[]> places = placesAfter(md5, 0);
        return heldIn(md5, places) ? OptionalLong.of((Long) places.get(0)[4]) : OptionalLong.empty();
    }

    /** The content of that md5 when a live file holds it (what an instant upload may reference). */
    public Optional<FileInfo> heldContent(String md5) {
        if (!holds(md5)) {
            return Optional.empty();
        }
        return em.createNamedQuery("FileInfo.byMd5", FileInfo.class).setParameter("md5", md5).getResultList().stream()
                .findFirst();
    }

    /**
     * The content behind a public download path when a live file holds it, asked in one statement for the content and
     * its first places (nginx waits for this answer on every download).
     */
    public Optional<FileInfo> downloadable(String fileId) {
        List<Object[]> rows = em.createNamedQuery("FileInfo.withPlaces", Object[].class).setParameter("fileId", fileId)
                .setMaxResults(PLACES_PER_READ).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        FileInfo content = (FileInfo) rows.get(0)[0];
        List<Object[]> places = rows.stream().filter(row -> row[3] != null)
                .map(row -> Arrays.copyOfRange(row, 1, row.length)).toList();
        return heldIn(content.getMd5(), places) ? Optional.of(content) : Optional.empty();
    }

    public boolean isLive(UserFile file) {
        return !file.isTrashed() && folder(file.getUser(), file.getFolderId()).isPresent();
    }

    /**
     * The user's folder when it is live: none of the folders from it up to the root is in the trash. One statement
     * walks up (a recursive table expression), not one primary-key read per level: a folder two levels down cost
     * three of the five statements of a children page.
     */
    public Optional<Folder> folder(String user, long folderId) {
        return em.createNamedQuery("Folder.liveOfUser", Folder.class).setParameter("id", folderId)
                .setParameter("user", user).getResultList().stream().findFirst();
    }

    /**
     * The user's folder when it is live and {@code topFolder} is on its way up to the root (it, or one of the folders
     * above it): what a folder's share link may show. The same one statement as {@link #folder}.
     */
    public Optional<Folder> folderWithin(String user, long folderId, long topFolder) {
        return em.createNamedQuery("Folder.liveWithin", Folder.class).setParameter("id", folderId)
                .setParameter("user", user).setParameter("top", topFolder).getResultList().stream().findFirst();
    }

    /** Whether one of the places read first, or of those after them, is live. */
    private boolean heldIn(String md5, List<Object[]> places) {
        while (places.stream().noneMatch(this::isLivePlace)) {
            if (places.size() < PLACES_PER_READ) {
                return false;
            }
            places = placesAfter(md5, (Long) places.get(places.size() - 1)[2]);
        }
        return true;
    }

    private List<Object[]> placesAfter(String md5, long after) {
        return em.createNamedQuery("UserFile.placesOf", Object[].class).setParameter("md5", md5)
                .setParameter("after", after).setMaxResults(PLACES_PER_READ).getResultList();
    }

    /** A row of UserFile.placesOf: a file in a root folder is live (a root is never in the trash); others walk up. */
    private boolean isLivePlace(Object[] place) {
        Long parent = (Long) place[3];
        return parent != null && (parent == Folder.NO_PARENT || folder((String) place[0], (Long) place[1]).isPresent());
    }
}
