package org.clouddisk.files;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The trigram index of file names (table name_gram, V7__name_grams.sql), kept exact in the caller's transaction:
 * every insert of a user_file_list row ({@link #add} after it), change of its name ({@link #remove} before,
 * {@link #add} after) and delete ({@link #remove} before) goes through here: DefaultFileService's link and purge,
 * renames and restores of the drive. Grams are cut by the database from LOWER(file_name), so they are
 * pieces of exactly what a search's {@code lower(file_name) like} compares.
 */
@ApplicationScoped
public class NameIndex {

    /** Gram length, in the database's characters. */
    public static final int GRAM = 3;

    /**
     * Inserts the grams of the rows of user_file_list u that the condition appended to it selects (written after
     * WHERE). The same statement backfills in V7__name_grams.sql; the benchmark's fill uses it too.
     */
    public static final String INSERT_GRAMS = "INSERT INTO name_gram (user, gram, file_id)"
            + " SELECT DISTINCT u.user, SUBSTRING(LOWER(u.file_name), p.pos, 3), u.id FROM user_file_list u"
            + " JOIN name_gram_position p ON p.pos <= CHAR_LENGTH(LOWER(u.file_name)) - 2 WHERE ";

    /**
     * Postings counted beyond this tell a common gram: counting stops there, so that choosing a gram costs the same
     * whatever the drive holds, and a query whose grams are all common is paged by the name index in order instead.
     */
    public static final int COMMON = 1000;

    /** How many of a long query's grams are counted to find its rarest (spread over the query). */
    private static final int PROBED = 8;

    @PersistenceContext
    EntityManager em;

    /** The file's row got its name and is flushed: index the name. */
    public void add(UserFile file) {
        em.createNativeQuery(INSERT_GRAMS + "u.id = ?1").setParameter(1, file.getId()).executeUpdate();
    }

    /**
     * The file's row is about to lose its name (a rename or a delete): called before the change, while the database
     * still holds the indexed name, whose grams give the rows' full keys (the table has no index by file alone).
     */
    public void remove(UserFile file) {
        List<?> grams = em.createNativeQuery("SELECT DISTINCT SUBSTRING(LOWER(u.file_name), p.pos, 3)"
                + " FROM user_file_list u JOIN name_gram_position p ON p.pos <= CHAR_LENGTH(LOWER(u.file_name)) - 2"
                + " WHERE u.id = ?1").setParameter(1, file.getId()).getResultList();
        if (!grams.isEmpty()) {
            em.createNativeQuery("DELETE FROM name_gram WHERE user = ?1 AND gram IN (?2) AND file_id = ?3")
                    .setParameter(1, file.getUser()).setParameter(2, grams).setParameter(3, file.getId())
                    .executeUpdate();
        }
    }

    /** A gram of a search and how many of the user's files hold it, counted up to {@link #COMMON}. */
    public record Gram(String text, long postings) {
        public boolean common() {
            return postings >= COMMON;
        }
    }

    /**
     * The rarest of the needle's grams among the user's files; empty when the needle has none the index can answer
     * (shorter than {@value #GRAM}, or no run of {@value #GRAM} characters of the Basic Multilingual Plane).
     */
    public Optional<Gram> rarest(String user, String needle) {
        List<String> grams = grams(needle);
        if (grams.isEmpty()) {
            return Optional.empty();
        }
        var sql = new StringBuilder();
        for (int i = 0; i < grams.size(); i++) {
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT ").append(i).append(", COUNT(*) FROM (SELECT 1 x")
                    .append(" FROM name_gram g WHERE g.user = ?1 AND g.gram = ?").append(i + 2).append(" LIMIT ")
                    .append(COMMON).append(") c").append(i);
        }
        Query counts = em.createNativeQuery(sql.toString()).setParameter(1, user);
        for (int i = 0; i < grams.size(); i++) {
            counts.setParameter(i + 2, grams.get(i));
        }
        Gram rarest = null;
        for (Object row : counts.getResultList()) {
            Object[] cells = (Object[]) row;
            var gram = new Gram(grams.get(((Number) cells[0]).intValue()), ((Number) cells[1]).longValue());
            if (rarest == null || gram.postings() < rarest.postings()) {
                rarest = gram;
            }
        }
        return Optional.ofNullable(rarest);
    }

    /**
     * The needle's distinct grams that are the same in every database's characters: runs of {@value #GRAM} code
     * points of the Basic Multilingual Plane (MariaDB counts code points, H2 UTF-16 units; a name holding the needle
     * holds each such run as one of its own grams in both), at most {@value #PROBED} spread over the needle.
     */
    static List<String> grams(String needle) {
        int[] points = needle.codePoints().toArray();
        Set<String> all = new LinkedHashSet<>();
        for (int start = 0; start + GRAM <= points.length; start++) {
            boolean basic = true;
            for (int i = start; i < start + GRAM; i++) {
                basic &= Character.isBmpCodePoint(points[i]);
            }
            if (basic) {
                all.add(new String(points, start, GRAM));
            }
        }
        List<String> distinct = new ArrayList<>(all);
        if (distinct.size() <= PROBED) {
            return distinct;
        }
        List<String> spread = new ArrayList<>(PROBED);
        for (int i = 0; i < PROBED; i++) {
            spread.add(distinct.get(i * (distinct.size() - 1) / (PROBED - 1)));
        }
        return spread;
    }
}
