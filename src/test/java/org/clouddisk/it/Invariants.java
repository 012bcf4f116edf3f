package org.clouddisk.it;

import org.clouddisk.storage.FastDfsContentStore;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.resps.Tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The invariants of PROTOCOL.md ("Storage model") and of the drive's tree (API.md), checked straight in the
 * database, the content store and Redis of the server under test.
 */
public final class Invariants {

    private Invariants() {
    }

    /** Fails with every violation found. */
    public static void assertHold() {
        List<String> violations = check();
        assertEquals(List.of(), violations, "invariants violated");
    }

    public static List<String> check() {
        var violations = new ArrayList<String>();
        try (Connection c = connect()) {
            violations.addAll(checkDatabase(c));
            violations.addAll(checkStore(c));
            violations.addAll(checkRanking(c));
        } catch (SQLException | IOException e) {
            violations.add("cannot check: " + e);
        }
        return violations;
    }

    /** The invariants that live in the database alone (also for databases other than the server's). */
    public static List<String> checkDatabase(Connection c) throws SQLException {
        var violations = new ArrayList<String>();
        violations.addAll(rows(c, "select f.md5, f.count, (select count(*) from user_file_list u where u.md5 = f.md5)"
                + " from file_info f where f.count = 0"
                + " or f.count <> (select count(*) from user_file_list u where u.md5 = f.md5)", "file_info.count wrong"));
        violations.addAll(rows(c, "select distinct u.md5 from user_file_list u"
                + " where not exists (select 1 from file_info f where f.md5 = u.md5)", "user file without file_info"));
        violations.addAll(rows(c, "select distinct u.user from user_file_list u where not exists"
                + " (select 1 from user_file_count c where c.user = u.user)", "user without user_file_count"));
        violations.addAll(rows(c, "select c.user, c.count from user_file_count c where c.user not like 'xxx%'"
                + " and c.count <> (select count(*) from user_file_list u where u.user = c.user)", "user_file_count wrong"));
        violations.addAll(rows(c, "select c.user, c.used_bytes from user_file_count c where c.user not like 'xxx%'"
                + " and c.used_bytes <> (select coalesce(sum(i.size), 0) from user_file_list u join file_info i"
                + " on i.md5 = u.md5 where u.user = c.user)"
                + " + (select coalesce(sum(p.upload_length), 0) from upload p where p.user = c.user"
                + " and p.completed_node is null)",
                "usage is not the sum of the user's file sizes and unfinished uploads' lengths"));
        violations.addAll(rows(c, "select u.id, u.size, i.size from user_file_list u join file_info i on i.md5 = u.md5"
                + " where u.size <> i.size", "user_file_list.size is not its content's size"));
        violations.addAll(rows(c, "select p.id, p.user from upload p where not exists"
                + " (select 1 from user_file_count c where c.user = p.user)", "upload without user_file_count"));
        violations.addAll(rows(c, "select p.id, p.upload_offset, p.upload_length from upload p"
                + " where p.upload_offset < 0 or p.upload_offset > p.upload_length", "upload offset out of range"));
        violations.addAll(rows(c, "select p.id, p.completed_node from upload p where p.completed_node is not null"
                + " and p.upload_offset <> p.upload_length", "completed upload short of its length"));
        violations.addAll(rows(c, "select u.user, u.md5, u.file_name from user_file_list u where u.shared_status = 1"
                + " and not exists (select 1 from share_file_list s where s.md5 = u.md5 and s.file_name = u.file_name"
                + " and s.user = u.user)", "shared_status 1 without share"));
        violations.addAll(rows(c, "select s.user, s.md5, s.file_name from share_file_list s where not exists (select 1"
                + " from user_file_list u where u.md5 = s.md5 and u.file_name = s.file_name and u.user = s.user"
                + " and u.shared_status = 1)", "share without shared_status 1"));
        violations.addAll(rows(c, "select c.count, (select count(*) from share_file_list) from user_file_count c"
                + " where c.user = 'xxx_share_xxx_file_xxx_list_xxx_count_xxx'"
                + " and c.count <> (select count(*) from share_file_list)", "share count wrong"));
        violations.addAll(rows(c, "select u.user, u.md5, u.file_name from user_file_list u where u.shared_status = 1"
                + " group by u.user, u.md5, u.file_name having count(*) > 1", "one share, several files shared"));
        violations.addAll(rows(c, "select id, downloads, max_downloads from share_link where downloads < 0"
                + " or (max_downloads is not null and downloads > max_downloads)", "link downloads past its limit"));
        violations.addAll(rows(c, "select l.id, l.node_id from share_link l where exists (select 1 from user_file_list u"
                + " where concat('f', u.id) = l.node_id and u.user <> l.user) or exists (select 1 from user_folder f"
                + " where concat('d', f.id) = l.node_id and f.user <> l.user)", "link to another user's node"));
        violations.addAll(checkTree(c));
        violations.addAll(checkNameIndex(c));
        return violations;
    }

    /**
     * The name index holds exactly the distinct grams of every file's lowercased name, as the database cuts them:
     * each row is a piece of its file's name (nothing left from an old name or a deleted row), and each file has as
     * many rows as its name has distinct grams, so none is missing. (Cheaper than comparing every gram by key: the
     * benchmark runs this over millions of rows.)
     */
    private static List<String> checkNameIndex(Connection c) throws SQLException {
        var violations = new ArrayList<String>(rows(c, "select g.file_id, g.gram from name_gram g"
                + " left join user_file_list u on u.id = g.file_id and u.user = g.user"
                + " where u.id is null or locate(g.gram, lower(u.file_name)) = 0 limit 20",
                "name gram of no file's name"));
        violations.addAll(rows(c, "select u.id, u.file_name, coalesce(g.n, 0) from user_file_list u left join"
                + " (select file_id, count(*) n from name_gram group by file_id) g on g.file_id = u.id"
                + " where coalesce(g.n, 0) <> (select count(distinct substring(lower(u.file_name), p.pos, 3))"
                + " from name_gram_position p where p.pos <= char_length(lower(u.file_name)) - 2) limit 20",
                "name grams missing"));
        return violations;
    }

    /**
     * Every file is in a folder of its owner or at the top of the trash, every user with files has a root, and every
     * folder reaches its owner's root or the trash through folders of that owner: no cycle, no node cut off. A
     * trashed top node (and only it) has a parent of its own, its negated id, and remembers where it came from. Each
     * folder's file count is the number of files in it.
     */
    private static List<String> checkTree(Connection c) throws SQLException {
        var violations = new ArrayList<String>(rows(c, "select u.id, u.user, u.folder_id from user_file_list u"
                + " where u.trashed_at is null and not exists"
                + " (select 1 from user_folder f where f.id = u.folder_id and f.user = u.user)",
                "file outside its owner's folders"));
        violations.addAll(rows(c, "select u.id, u.folder_id, u.trashed_from from user_file_list u"
                + " where (u.trashed_at is null) <> (u.trashed_from is null)"
                + " or (u.trashed_at is not null and u.folder_id <> -u.id)", "trashed file misplaced"));
        violations.addAll(rows(c, "select f.id, f.parent_id, f.trashed_from from user_folder f"
                + " where (f.trashed_at is null) <> (f.trashed_from is null)"
                + " or (f.trashed_at is not null and f.parent_id <> -f.id)", "trashed folder misplaced"));
        violations.addAll(rows(c, "select distinct u.user from user_file_list u where not exists"
                + " (select 1 from user_folder r where r.user = u.user and r.parent_id = 0)", "user without root"));
        violations.addAll(rows(c, "select f.id, f.user, f.name from user_folder f where f.parent_id = 0 and f.name <> ''",
                "root with a name"));
        violations.addAll(rows(c, "select f.id, f.user, f.file_count from user_folder f where f.file_count"
                + " <> (select count(*) from user_file_list u where u.folder_id = f.id)", "folder's file_count wrong"));
        record Folder(String user, long parent) {
        }
        Map<Long, Folder> folders = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery("select f.id, f.user, f.parent_id from user_folder f")) {
            while (rs.next()) {
                folders.put(rs.getLong(1), new Folder(rs.getString(2), rs.getLong(3)));
            }
        }
        folders.forEach((id, folder) -> {
            var seen = new HashSet<Long>();
            for (long at = id; folders.get(at).parent() > 0; ) { // 0: a root; negative: the top of a trashed subtree
                long parent = folders.get(at).parent();
                if (!seen.add(at)) {
                    violations.add("folder in a cycle: " + id);
                    return;
                }
                if (!folders.containsKey(parent) || !folders.get(parent).user().equals(folder.user())) {
                    violations.add("folder cut off from its owner's root: " + id + " (at " + at + ")");
                    return;
                }
                at = parent;
            }
        });
        return violations;
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestEnvironment.dbUrl(), "clouddisk", "clouddisk");
    }

    /** The number in the first column of the first row of a query, or null when there is no row. */
    public static Long number(String sql, Object... params) {
        try (Connection c = connect(); var s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /**
     * Every file_info row has its content in the store, every unfinished upload its appendable content holding
     * exactly the acknowledged bytes (upload_offset), and the store holds nothing else.
     */
    private static List<String> checkStore(Connection c) throws SQLException, IOException {
        var violations = new ArrayList<String>();
        List<String> fileIds = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("select file_id from file_info")) {
            while (rs.next()) {
                fileIds.add(rs.getString(1));
            }
        }
        Map<String, Long> uploads = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery(
                "select content_id, upload_offset from upload where completed_node is null")) {
            while (rs.next()) {
                uploads.put(rs.getString(1), rs.getLong(2));
            }
        }
        long stored;
        String unanswered = "";
        if (TestEnvironment.fastdfs() != null) {
            unanswered = ", " + TestEnvironment.fastdfs().unansweredUploads().size() + " stored without an answer";
            try (var store = new FastDfsContentStore(TestEnvironment.fastdfs().trackers(), 3000, 30000)) {
                for (String id : fileIds) {
                    if (!store.exists(id)) {
                        violations.add("file_info row without content: " + id);
                    }
                }
                for (var upload : uploads.entrySet()) {
                    long held = store.exists(upload.getKey()) ? store.length(upload.getKey()) : -1;
                    if (held != upload.getValue()) {
                        violations.add("upload content " + upload.getKey() + " holds " + held + " bytes, its offset is "
                                + upload.getValue());
                    }
                }
            }
            stored = TestEnvironment.fastdfs().fileCount();
        } else {
            Path root = TestEnvironment.dataDir().resolve("storage");
            for (String id : fileIds) {
                if (!Files.isRegularFile(root.resolve(id.substring("group1/".length())))) {
                    violations.add("file_info row without content: " + id);
                }
            }
            for (var upload : uploads.entrySet()) {
                Path content = root.resolve(upload.getKey());
                long held = Files.isRegularFile(content) ? Files.size(content) : -1;
                if (held != upload.getValue()) {
                    violations.add("upload content " + upload.getKey() + " holds " + held + " bytes, its offset is "
                            + upload.getValue());
                }
            }
            try (Stream<Path> files = Files.exists(root) ? Files.walk(root) : Stream.empty()) {
                stored = files.filter(Files::isRegularFile).count();
            }
        }
        if (stored != fileIds.size() + uploads.size()) {
            violations.add("the store holds " + stored + " files for " + fileIds.size() + " file_info rows and "
                    + uploads.size() + " unfinished uploads" + unanswered);
        }
        return violations;
    }

    /** FILE_PUBLIC_ZSET and FILE_NAME_HASH, when present, hold exactly the share list with score = pv. */
    private static List<String> checkRanking(Connection c) throws SQLException {
        Map<String, Long> shares = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (ResultSet rs = c.createStatement().executeQuery("select md5, file_name, pv from share_file_list")) {
            while (rs.next()) {
                shares.put(rs.getString(1) + rs.getString(2), rs.getLong(3));
                names.put(rs.getString(1) + rs.getString(2), rs.getString(2));
            }
        }
        try (RedisClient redis = TestEnvironment.redisClient()) {
            if (!redis.exists("FILE_PUBLIC_ZSET") && !redis.exists("FILE_NAME_HASH")) {
                return List.of(); // not built yet: it is rebuilt from the database on the next read
            }
            Map<String, Long> ranked = new HashMap<>();
            for (Tuple t : redis.zrangeWithScores("FILE_PUBLIC_ZSET", 0, -1)) {
                ranked.put(t.getElement(), (long) t.getScore());
            }
            var violations = new ArrayList<String>();
            if (!ranked.equals(shares)) {
                violations.add("FILE_PUBLIC_ZSET " + ranked + " differs from share_file_list " + shares);
            }
            if (!redis.hgetAll("FILE_NAME_HASH").equals(names)) {
                violations.add("FILE_NAME_HASH differs from share_file_list");
            }
            return violations;
        }
    }

    private static List<String> rows(Connection c, String sql, String what) throws SQLException {
        var found = new ArrayList<String>();
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                var row = new StringBuilder(what).append(":");
                for (int i = 1; i <= n; i++) {
                    row.append(' ').append(rs.getString(i));
                }
                found.add(row.toString());
            }
        }
        return found;
    }
}
