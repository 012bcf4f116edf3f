package org.clouddisk.sharing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The ranking when no Redis is configured: the same order as Redis' sorted set, in this JVM. */
public class InMemoryShareRanking implements ShareRanking {

    private static final Comparator<RankedFile> ORDER =
            Comparator.comparingLong(RankedFile::pv).thenComparing(RankedFile::member);

    private final TreeSet<RankedFile> ranked = new TreeSet<>(ORDER);
    private final Map<String, RankedFile> byMember = new HashMap<>();

    @Override
    public synchronized void add(RankedFile file) {
        remove(file.md5(), file.fileName());
        ranked.add(file);
        byMember.put(file.member(), file);
    }

    @Override
    public synchronized void remove(String md5, String fileName) {
        RankedFile old = byMember.remove(md5 + fileName);
        if (old != null) {
            ranked.remove(old);
        }
    }

    @Override
    public synchronized void increment(String md5, String fileName) {
        RankedFile old = byMember.get(md5 + fileName);
        add(new RankedFile(md5, fileName, old == null ? 1 : old.pv() + 1));
    }

    @Override
    public synchronized long size() {
        return ranked.size();
    }

    @Override
    public synchronized List<RankedFile> page(boolean descending, int start, int count) {
        var all = new ArrayList<>(descending ? ranked.descendingSet() : ranked);
        return start >= all.size() ? List.of() : List.copyOf(all.subList(start, Math.min(all.size(), start + count)));
    }

    @Override
    public synchronized void replaceAll(List<RankedFile> entries) {
        ranked.clear();
        byMember.clear();
        entries.forEach(this::add);
    }
}
