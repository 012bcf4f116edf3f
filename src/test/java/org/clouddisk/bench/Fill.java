package org.clouddisk.bench;

import org.clouddisk.files.NameIndex;
import org.clouddisk.files.UserFileCount;
import org.clouddisk.it.CloudDiskClient;
import org.clouddisk.it.CloudDiskClient.User;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.clouddisk.bench.Context.database;
import static org.clouddisk.bench.Context.expect;

/**
 * Fills the database fast for the scale sections: rows inserted with INSERT ... SELECT from MariaDB's sequence
 * engine (seq_1_to_N), in one transaction per fill that also brings every count the server keeps up to date, so
 * that every invariant of the tests' Invariants holds afterwards: file_info.count, user_file_count (count and
 * used_bytes), each user's root folder, the public share list with shared_status and its counter, the name index
 * (by the server's own statement, {@link NameIndex#INSERT_GRAMS}, over the rows the fill added). Content is
 * always uploaded for real first (the store must hold what file_info names); the fill adds more names for it.
 */
final class Fill {

    private final CloudDiskClient client;

    Fill(CloudDiskClient client) {
        this.client = client;
    }

    /** Contents of different sizes, so that sorting by size means something: number i is (i + 1) × 64 bytes. */
    static List<byte[]> seeds(String label, int count) {
        var seeds = new ArrayList<byte[]>();
        for (int i = 0; i < count; i++) {
            byte[] content = new byte[(i + 1) * 64];
            byte[] head = (label + " " + i + "\n").getBytes(StandardCharsets.UTF_8);
            java.util.Arrays.fill(content, (byte) ('a' + i % 26));
            System.arraycopy(head, 0, content, 0, Math.min(head.length, content.length));
            seeds.add(content);
        }
        return seeds;
    }

    /** Uploads the seeds into the user's root as seed-i.txt; answers their md5s. */
    List<String> upload(User u, List<byte[]> seeds) {
        var md5s = new ArrayList<String>();
        for (int i = 0; i < seeds.size(); i++) {
            expect("008", client.uploadLegacy(u, "seed-" + i + ".txt", seeds.get(i)), "seed upload");
            md5s.add(CloudDiskClient.md5(seeds.get(i)));
        }
        return md5s;
    }

    /**
     * count more files in the user's root named prefix + seq (6 digits, from first) + ".txt", one second apart,
     * all of one content, shared or not (shared ones join the public list with a download count of their own).
     */
    void rootFiles(User u, String md5, String prefix, int first, int count, boolean shared) throws SQLException {
        try (Connection c = database()) {
            c.setAutoCommit(false);
            long root = root(c, u.name());
            long before = lastFile(c);
            String seq = "(SELECT seq FROM seq_" + first + "_to_" + (first + count - 1) + ") s";
            try (var insert = c.prepareStatement("INSERT INTO user_file_list (user, md5, size, file_name,"
                    + " create_time, modify_time, shared_status, pv, folder_id) SELECT ?, ?, ?,"
                    + " CONCAT(?, LPAD(s.seq, 6, '0'), '.txt'), NOW() - INTERVAL 2 DAY + INTERVAL s.seq SECOND,"
                    + " NOW() - INTERVAL 2 DAY + INTERVAL s.seq SECOND, ?, 0, ? FROM " + seq)) {
                set(insert, u.name(), md5, size(c, md5), prefix, shared ? 1 : 0, root);
                expect(Integer.toString(count), Integer.toString(insert.executeUpdate()), "inserted files");
            }
            indexNames(c, before);
            countFolders(c, before);
            if (shared) {
                try (var share = c.prepareStatement("INSERT INTO share_file_list (user, md5, file_name, pv, create_time)"
                        + " SELECT u.user, u.md5, u.file_name, (u.id * 7919) % 10007, u.create_time FROM user_file_list u"
                        + " WHERE u.user = ? AND u.md5 = ? AND u.shared_status = 1 AND NOT EXISTS (SELECT 1 FROM"
                        + " share_file_list s WHERE s.md5 = u.md5 AND s.file_name = u.file_name)")) {
                    set(share, u.name(), md5);
                    expect(Integer.toString(count), Integer.toString(share.executeUpdate()), "inserted shares");
                }
                recountShares(c);
            }
            recount(c, List.of(md5), "c.user = ?", u.name());
            c.commit();
            analyze(c);
        }
    }

    /**
     * A realistic drive under the user's root (beside the seeds already there): areas (area-NNN) of up to 10
     * folders (folder-NNN) of up to 1,000 files, about {@code nodes} nodes in all; the files' contents cycle through
     * md5s, their names are file-<folder id>-NNNN.txt, or invoice-… for the first two of each folder (a rare
     * substring), and their download counts vary.
     */
    Tree tree(User u, int nodes, List<String> md5s) throws SQLException {
        int leaves = Math.max(1, (nodes + 999) / 1000);
        int perArea = Math.min(10, leaves);
        int areas = (leaves + perArea - 1) / perArea;
        leaves = areas * perArea;
        int perLeaf = Math.max(1, (nodes - md5s.size() - areas - leaves) / leaves);
        // picks one of n parameters by the row: given the md5s, then their sizes, each file gets its content's size
        String content = "ELT(1 + (l.id + s.seq) % " + md5s.size() + ", "
                + String.join(", ", Collections.nCopies(md5s.size(), "?")) + ")";
        try (Connection c = database()) {
            c.setAutoCommit(false);
            long root = root(c, u.name());
            long before = lastFile(c);
            try (var area = c.prepareStatement("INSERT INTO user_folder (user, parent_id, name, create_time,"
                    + " modify_time) SELECT ?, ?, CONCAT('area-', LPAD(seq, 3, '0')), NOW(), NOW() FROM seq_1_to_"
                    + areas);
                 var leaf = c.prepareStatement("INSERT INTO user_folder (user, parent_id, name, create_time,"
                         + " modify_time) SELECT a.user, a.id, CONCAT('folder-', LPAD(s.seq, 3, '0')), NOW(), NOW()"
                         + " FROM user_folder a JOIN seq_1_to_" + perArea + " s WHERE a.user = ? AND a.parent_id = ?");
                 var file = c.prepareStatement("INSERT INTO user_file_list (user, md5, size, file_name,"
                         + " create_time, modify_time, shared_status, pv, folder_id) SELECT l.user, " + content
                         + ", " + content + ","
                         + " CONCAT(IF(s.seq <= 2, 'invoice-', 'file-'), l.id, '-', LPAD(s.seq, 4, '0'), '.txt'),"
                         + " NOW() - INTERVAL 1 DAY + INTERVAL s.seq SECOND, NOW() - INTERVAL 1 DAY + INTERVAL s.seq"
                         + " SECOND, 0, s.seq % 37, l.id FROM user_folder l JOIN user_folder a ON a.id = l.parent_id"
                         + " JOIN seq_1_to_" + perLeaf + " s WHERE a.user = ? AND a.parent_id = ?")) {
                set(area, u.name(), root);
                expect(Integer.toString(areas), Integer.toString(area.executeUpdate()), "areas");
                set(leaf, u.name(), root);
                expect(Integer.toString(leaves), Integer.toString(leaf.executeUpdate()), "folders");
                var args = new ArrayList<Object>(md5s);
                for (String md5 : md5s) {
                    args.add(size(c, md5));
                }
                args.add(u.name());
                args.add(root);
                set(file, args.toArray());
                expect(Integer.toString(leaves * perLeaf), Integer.toString(file.executeUpdate()), "files");
            }
            indexNames(c, before);
            countFolders(c, before);
            recount(c, md5s, "c.user = ?", u.name());
            c.commit();
            analyze(c);
            long lastLeaf = number(c, "SELECT MAX(id) FROM user_folder WHERE user = ? AND name LIKE 'folder-%'",
                    u.name());
            long firstArea = number(c, "SELECT MIN(id) FROM user_folder WHERE user = ? AND parent_id = ?",
                    u.name(), root);
            long total = number(c, "SELECT (SELECT COUNT(*) FROM user_folder WHERE user = ? AND parent_id <> 0)"
                    + " + (SELECT COUNT(*) FROM user_file_list WHERE user = ?)", u.name(), u.name());
            long areaNodes = perArea + (long) perArea * perLeaf;
            return new Tree(u, total, lastLeaf, perLeaf, firstArea, areaNodes);
        }
    }

    /** A user's drive made by {@link #tree}: its node count, the last folder of files and the first area. */
    record Tree(User user, long nodes, long lastFolder, int lastFolderSize, long firstArea, long firstAreaNodes) {
    }

    /**
     * users more accounts named prefix + NNNN (not able to log in: the password column holds no valid hash), each
     * with its root and {@code filesEach} files of one content in it.
     */
    void users(String prefix, int users, int filesEach, String md5) throws SQLException {
        try (Connection c = database()) {
            c.setAutoCommit(false);
            long before = lastFile(c);
            String name = "CONCAT(?, LPAD(seq, 4, '0'))";
            try (var info = c.prepareStatement("INSERT INTO user_info (user_name, nick_name, password, phone, email,"
                    + " create_time) SELECT " + name + ", " + name + ", 'none', '', '', NOW() FROM seq_1_to_" + users);
                 var root = c.prepareStatement("INSERT INTO user_folder (user, parent_id, name, create_time,"
                         + " modify_time) SELECT " + name + ", 0, '', NOW(), NOW() FROM seq_1_to_" + users);
                 var counter = c.prepareStatement("INSERT INTO user_file_count (user, count) SELECT " + name
                         + ", 0 FROM seq_1_to_" + users);
                 var files = c.prepareStatement("INSERT INTO user_file_list (user, md5, size, file_name,"
                         + " create_time, modify_time, shared_status, pv, folder_id) SELECT r.user, ?, ?,"
                         + " CONCAT('file-', LPAD(s.seq, 6, '0'), '.txt'), NOW() - INTERVAL 1 DAY + INTERVAL s.seq"
                         + " SECOND, NOW() - INTERVAL 1 DAY + INTERVAL s.seq SECOND, 0, 0, r.id FROM user_folder r"
                         + " JOIN seq_1_to_" + filesEach + " s WHERE r.parent_id = 0 AND r.user LIKE ?")) {
                set(info, prefix, prefix);
                set(root, prefix);
                set(counter, prefix);
                for (var s : List.of(info, root, counter)) {
                    expect(Integer.toString(users), Integer.toString(s.executeUpdate()), "inserted users");
                }
                set(files, md5, size(c, md5), like(prefix));
                expect(Long.toString((long) users * filesEach), Integer.toString(files.executeUpdate()),
                        "inserted files");
            }
            indexNames(c, before);
            countFolders(c, before);
            recount(c, List.of(md5), "c.user LIKE ?", like(prefix));
            c.commit();
            analyze(c);
        }
    }

    /** The content's size, which each of its files carries (user_file_list.size). */
    private static long size(Connection c, String md5) throws SQLException {
        return number(c, "SELECT size FROM file_info WHERE md5 = ?", md5);
    }

    private static long lastFile(Connection c) throws SQLException {
        return number(c, "SELECT COALESCE(MAX(id), 0) FROM user_file_list");
    }

    /**
     * The grams of the files added after {@code lastFile} (the fill is the only writer meanwhile), one user at a
     * time: the index's key begins with the user, so each statement writes one small part of it. One statement over
     * the crowd's million files sorted 13 million rows for its DISTINCT and inserted them in random key order into an
     * index far larger than the buffer pool: it had not finished after 15 minutes.
     */
    private static void indexNames(Connection c, long lastFile) throws SQLException {
        List<String> users = new ArrayList<>();
        try (var added = c.prepareStatement("SELECT DISTINCT u.user FROM user_file_list u WHERE u.id > ?")) {
            set(added, lastFile);
            try (ResultSet rs = added.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
            }
        }
        try (var grams = c.prepareStatement(NameIndex.INSERT_GRAMS + "u.user = ? AND u.id > ?")) {
            for (String user : users) {
                set(grams, user, lastFile);
                grams.executeUpdate();
            }
        }
    }

    /** The file counts of the folders that got the files added after {@code lastFile}, as the server keeps them. */
    private static void countFolders(Connection c, long lastFile) throws SQLException {
        try (var count = c.prepareStatement("UPDATE user_folder f SET file_count = (SELECT COUNT(*) FROM user_file_list u"
                + " WHERE u.folder_id = f.id) WHERE f.id IN (SELECT u.folder_id FROM user_file_list u WHERE u.id > ?)")) {
            set(count, lastFile);
            count.executeUpdate();
        }
    }

    /** Brings file_info.count of the md5s and the counters of the users matched by the condition up to date. */
    private static void recount(Connection c, List<String> md5s, String users, Object param) throws SQLException {
        try (var content = c.prepareStatement("UPDATE file_info f SET count = (SELECT COUNT(*) FROM user_file_list u"
                + " WHERE u.md5 = f.md5) WHERE f.md5 = ?");
             var counter = c.prepareStatement("UPDATE user_file_count c SET count = (SELECT COUNT(*) FROM"
                     + " user_file_list u WHERE u.user = c.user), used_bytes = (SELECT COALESCE(SUM(i.size), 0) FROM"
                     + " user_file_list u JOIN file_info i ON i.md5 = u.md5 WHERE u.user = c.user) WHERE " + users)) {
            for (String md5 : md5s) {
                content.setString(1, md5);
                content.executeUpdate();
            }
            counter.setObject(1, param);
            counter.executeUpdate();
        }
    }

    /**
     * Index statistics as the server would have them after growing gradually (InnoDB samples them again only after a
     * tenth of a table changed): a bulk fill must not leave the optimizer with the small table's figures.
     */
    private static void analyze(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("ANALYZE TABLE user_file_list, user_folder, share_file_list, file_info, user_file_count,"
                    + " user_info, name_gram");
        }
    }

    private static void recountShares(Connection c) throws SQLException {
        try (var s = c.prepareStatement("INSERT IGNORE INTO user_file_count (user, count) VALUES (?, 0)");
             var count = c.prepareStatement("UPDATE user_file_count SET count = (SELECT COUNT(*) FROM"
                     + " share_file_list) WHERE user = ?")) {
            set(s, UserFileCount.SHARED_FILES);
            s.executeUpdate();
            set(count, UserFileCount.SHARED_FILES);
            count.executeUpdate();
        }
    }

    private static long root(Connection c, String user) throws SQLException {
        return number(c, "SELECT id FROM user_folder WHERE user = ? AND parent_id = 0", user);
    }

    static long number(Connection c, String sql, Object... params) throws SQLException {
        try (var s = c.prepareStatement(sql)) {
            set(s, params);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no row: " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    private static void set(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }

    private static String like(String prefix) {
        return prefix.replace("_", "\\_") + "%";
    }
}
