package org.clouddisk.sharing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The ranking when no Redis is configured: the same order as Redis' sorted set, in this JVM. */
public class InMemoryShareRanking implements ShareRanking {

    private static final Comparator<RankedFile> ORDER =
            Comparator.comparingLong(RankedFile::pv).thenComparing(RankedFile::member);

    private final TreeSet<RankedFile> ranked = new TreeSet<>(ORDER);
    private final Map<String, RankedFile> byMember = new HashMap<>();
    /** Built from the database at least once: a fresh ranking knows nothing of existing shares. */
    private boolean built;

    @Override
    public synchronized void add(RankedFile file) {
        requireBuilt();
        put(file);
    }

    private void put(RankedFile file) {
        drop(file.md5() + file.fileName());
        ranked.add(file);
        byMember.put(file.member(), file);
    }

    @Override
    public synchronized void remove(String md5, String fileName) {
        requireBuilt();
        drop(md5 + fileName);
    }

    private void drop(String member) {
        RankedFile old = byMember.remove(member);
        if (old != null) {
            ranked.remove(old);
        }
    }

    private void requireBuilt() {
        if (!built) {
            throw new StaleRankingException("the ranking was never built");
        }
    }

    @Override
    public synchronized void increment(String md5, String fileName) {
        requireBuilt();
        RankedFile old = byMember.get(md5 + fileName);
        put(new RankedFile(md5, fileName, old == null ? 1 : old.pv() + 1));
    }

    @Override
    public synchronized Optional<List<RankedFile>> pageIfSize(long size, boolean descending, int start, int count) {
        if (!built || (size != ANY_SIZE && ranked.size() != size)) {
            return Optional.empty();
        }
        var all = new ArrayList<>(descending ? ranked.descendingSet() : ranked);
        return Optional.of(start >= all.size() ? List.of()
                : List.copyOf(all.subList(start, Math.min(all.size(), start + count))));
    }

    @Override
    public synchronized void replaceAll(List<RankedFile> entries) {
        ranked.clear();
        byMember.clear();
        entries.forEach(this::put);
        built = true;
    }

    @Override
    public synchronized void drop() {
        ranked.clear();
        byMember.clear();
        built = false;
    }
}
