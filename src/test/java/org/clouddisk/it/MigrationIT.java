package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The folders migration (V3) on a database of the seed's schema (V2) holding what the seed's protocol wrote:
 * users fill the server's database through the protocol (uploads, instant uploads, a name held with two contents,
 * shares, saves, downloads, a delete), their rows are copied into a fresh MariaDB or H2 (embedded mode) database
 * migrated to V2 only, then that database is migrated to the latest version. Every row and count must be kept,
 * every file must sit in its owner's root, and every invariant must hold.
 */
class MigrationIT extends Deployments {

    /** A fresh database and the Flyway placeholder SchemaMigration sets for it. */
    private record Target(String url, String user, Map<String, String> placeholders) {
        static Target of(String kind) throws SQLException {
            if (kind.equals("h2")) {
                return new Target("jdbc:h2:mem:" + CloudDiskClient.uniqueName("migration")
                        + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=USER,VALUE;DB_CLOSE_DELAY=-1", "sa",
                        Map.of("table_options", ""));
            }
            String database = System.getProperty("it.db.name") + "_migration";
            TestEnvironment.recreateDatabase(database);
            return new Target("jdbc:mariadb://127.0.0.1:3306/" + database, "clouddisk", Map.of("table_options",
                    "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin"));
        }

        String password() {
            return user.equals("sa") ? "" : "clouddisk";
        }

        FluentConfiguration flyway() {
            return Flyway.configure(MigrationIT.class.getClassLoader()).dataSource(url, user, password())
                    .locations("classpath:db/migration").placeholders(placeholders);
        }
    }
    /** The seed's tables and the columns V2 gives them. */
    private static final Map<String, String> SEED_TABLES = Map.of(
            "user_info", "id, user_name, nick_name, password, phone, email, create_time",
            "file_info", "id, md5, file_id, url, size, type, count",
            "user_file_list", "id, user, md5, file_name, create_time, shared_status, pv",
            "user_file_count", "id, user, count",
            "share_file_list", "id, user, md5, file_name, pv, create_time");

    @ParameterizedTest
    @ValueSource(strings = {"mariadb", "h2"})
    void putsEveryFileInItsOwnersRootAndKeepsAllDataAndCounts(String kind) throws SQLException {
        List<User> users = fillThroughTheSeedsProtocol();
        Target target = Target.of(kind);
        target.flyway().target("2").load().migrate();
        try (Connection c = DriverManager.getConnection(target.url(), target.user(), target.password())) {
            copySeedRows(users, c);
            Map<String, List<String>> before = seedRows(c);
            assertEquals(6, before.get("user_file_list").size(), before.toString());
            assertEquals(1, before.get("share_file_list").size(), before.toString());

            assertEquals(1, target.flyway().target("3").load().migrate().migrationsExecuted, "the folders' migration");

            assertEquals(before, seedRows(c), "every row of the seed's tables kept as it was");
            for (User u : users) {
                assertEquals(1L, number(c, "select count(*) from user_folder f where f.user = ? and f.parent_id = 0"
                        + " and f.name = ''", u.name()), "one root for " + u.name());
                assertEquals(0L, number(c, "select count(*) from user_folder f where f.user = ? and f.parent_id <> 0",
                        u.name()), "no other folder");
                assertEquals(number(c, "select count(*) from user_file_list u where u.user = ?", u.name()),
                        number(c, "select count(*) from user_file_list u join user_folder r on r.id = u.folder_id"
                                + " where u.user = ? and r.parent_id = 0 and r.user = u.user", u.name()),
                        "every file of " + u.name() + " in its root");
            }
            target.flyway().load().migrate(); // and every later one: then every invariant of today's schema holds
            assertEquals(before, seedRows(c), "every row of the seed's tables still kept as it was");
            assertEquals(List.of(), Invariants.checkDatabase(c));
        }
    }

    /** Four users and what the seed's protocol lets them do; all but the last hold files. */
    private List<User> fillThroughTheSeedsProtocol() {
        List<User> users = client.newUsers("migrate", 4);
        User a = users.get(0);
        User b = users.get(1);
        User c = users.get(2);
        byte[] shared = uniqueContent("migrated shared", 300);
        byte[] other = uniqueContent("migrated other", 200);
        String sharedName = CloudDiskClient.uniqueName("photo") + ".jpg";
        assertEquals("008", client.uploadLegacy(a, sharedName, shared));
        assertEquals("008", client.uploadMultipart(a, "notes.txt", other));
        assertEquals("008", client.uploadLegacy(a, "same name.txt", uniqueContent("one", 10)));
        assertEquals("008", client.uploadLegacy(a, "same name.txt", uniqueContent("two", 10)));
        assertEquals("005", client.instant(b, md5(shared), "mine.jpg"));
        byte[] gone = uniqueContent("gone", 10);
        assertEquals("008", client.uploadLegacy(b, "gone.txt", gone));
        assertEquals("013", client.dealFile("del", b, md5(gone), "gone.txt"));
        client.emptyTrash(b); // gone for good, as a delete was before the trash existed
        assertEquals("010", client.dealFile("share", a, md5(shared), sharedName));
        assertEquals("016", client.publicPv(md5(shared), sharedName));
        assertEquals("020", client.dealShare("save", c, md5(shared), sharedName));
        assertEquals("016", client.dealFile("pv", a, md5(other), "notes.txt"));
        return users;
    }

    /** The users' rows, with file_info and the public share count as they are for those users alone. */
    private static void copySeedRows(List<User> users, Connection target) throws SQLException {
        String names = users.stream().map(u -> "'" + u.name() + "'").collect(Collectors.joining(","));
        try (Connection source = Invariants.connect()) {
            copy(source, target, "user_info", "user_name in (" + names + ")");
            copy(source, target, "user_file_list", "user in (" + names + ")");
            copy(source, target, "user_file_count", "user in (" + names + ")");
            copy(source, target, "share_file_list", "user in (" + names + ")");
            copy(source, target, "file_info", "md5 in (select md5 from user_file_list where user in (" + names + "))");
        }
        try (var s = target.createStatement()) {
            s.execute("update file_info f set count = (select count(*) from user_file_list u where u.md5 = f.md5)");
            s.execute("insert into user_file_count (user, count) select 'xxx_share_xxx_file_xxx_list_xxx_count_xxx',"
                    + " count(*) from share_file_list");
        }
    }

    private static void copy(Connection source, Connection target, String table, String where) throws SQLException {
        String columns = SEED_TABLES.get(table);
        int n = columns.split(",").length;
        String insert = "insert into " + table + " (" + columns + ") values (" + "?, ".repeat(n - 1) + "?)";
        try (ResultSet rs = source.createStatement().executeQuery("select " + columns + " from " + table
                + " where " + where); var into = target.prepareStatement(insert)) {
            while (rs.next()) {
                for (int i = 1; i <= n; i++) {
                    into.setObject(i, rs.getObject(i));
                }
                into.executeUpdate();
            }
        }
    }

    /** Every row of the seed's tables, in the columns the seed had, by table. */
    private static Map<String, List<String>> seedRows(Connection c) throws SQLException {
        Map<String, List<String>> all = new TreeMap<>();
        for (var table : SEED_TABLES.entrySet()) {
            List<String> rows = new ArrayList<>();
            // every column qualified: H2 would read a bare "user" as the session's user
            String columns = "t." + table.getValue().replace(", ", ", t.");
            try (ResultSet rs = c.createStatement().executeQuery("select " + columns + " from " + table.getKey()
                    + " t order by t.id")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    var row = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        row.append(rs.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            all.put(table.getKey(), rows);
        }
        return all;
    }

    private static long number(Connection c, String sql, String parameter) throws SQLException {
        try (var s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
