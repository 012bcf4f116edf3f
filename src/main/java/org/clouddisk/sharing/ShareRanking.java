package org.clouddisk.sharing;

import java.util.List;

/**
 * The download ranking of shared files, a fast copy of share_file_list's pv: Redis ZSET FILE_PUBLIC_ZSET
 * (member md5+filename, score pv) and HASH FILE_NAME_HASH (md5+filename -> filename), or an in-process copy.
 * The database stays the truth: whenever the ranking is found incomplete it is rebuilt from it.
 * Methods throw RuntimeException when the ranking cannot be reached.
 */
public interface ShareRanking {

    void add(RankedFile file);

    void remove(String md5, String fileName);

    void increment(String md5, String fileName);

    /** The number of entries, or -1 when the ranking is not complete (never built, lost, ZSET and HASH differ). */
    long size();

    /**
     * A page of the ranking by pv, ascending or descending; ties ordered by member name.
     *
     * @throws StaleRankingException when an entry lacks its file name
     */
    List<RankedFile> page(boolean descending, int start, int count);

    /** Replaces the whole ranking with the given entries. */
    void replaceAll(List<RankedFile> entries);

    /** Forgets the ranking: the next read rebuilds it from the database. */
    void drop();
}
