package org.clouddisk.sharing;

import java.util.List;
import java.util.Optional;

/**
 * The download ranking of shared files, a fast copy of share_file_list's pv: Redis ZSET FILE_PUBLIC_ZSET
 * (member md5+filename, score pv) and HASH FILE_NAME_HASH (md5+filename -> filename), or an in-process copy.
 * The database stays the truth: whenever the ranking is found incomplete it is rebuilt from it.
 * Methods throw RuntimeException when the ranking cannot be reached.
 */
public interface ShareRanking {

    /** For {@link #pageIfSize}: a ranking of any size. */
    long ANY_SIZE = -1;

    void add(RankedFile file);

    void remove(String md5, String fileName);

    void increment(String md5, String fileName);

    /**
     * A page of the ranking by pv, ascending or descending, ties ordered by member name; read only when the ranking
     * is complete (built, not lost, ZSET and HASH alike) and holds {@code size} entries, else empty.
     *
     * @throws StaleRankingException when an entry lacks its file name
     */
    Optional<List<RankedFile>> pageIfSize(long size, boolean descending, int start, int count);

    /**
     * A page of a complete ranking of any size.
     *
     * @throws StaleRankingException when the ranking is not complete or an entry lacks its file name
     */
    default List<RankedFile> page(boolean descending, int start, int count) {
        return pageIfSize(ANY_SIZE, descending, start, count)
                .orElseThrow(() -> new StaleRankingException("the ranking is not complete"));
    }

    /** Replaces the whole ranking with the given entries. */
    void replaceAll(List<RankedFile> entries);

    /** Forgets the ranking: the next read rebuilds it from the database. */
    void drop();
}
