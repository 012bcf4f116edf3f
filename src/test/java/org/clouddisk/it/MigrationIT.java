package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The folders migration (V3) on a MariaDB database of the seed's schema (V2) holding what the seed's protocol
 * wrote: users fill the server's database through the protocol (uploads, instant uploads, a name held with two
 * contents, shares, saves, downloads, a delete), their rows are copied into a fresh database migrated to V2 only,
 * then that database is migrated to the latest version. Every row and count must be kept, every file must sit in
 * its owner's root, and every invariant must hold.
 */
class MigrationIT extends Deployments {

    /** The Flyway placeholder SchemaMigration sets on MariaDB. */
    private static final Map<String, String> MARIADB = Map.of("table_options",
            "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin");
    /** The seed's tables and the columns V2 gives them. */
    private static final Map<String, String> SEED_TABLES = Map.of(
            "user_info", "id, user_name, nick_name, password, phone, email, create_time",
            "file_info", "id, md5, file_id, url, size, type, count",
            "user_file_list", "id, user, md5, file_name, create_time, shared_status, pv",
            "user_file_count", "id, user, count",
            "share_file_list", "id, user, md5, file_name, pv, create_time");

    @Test
    void putsEveryFileInItsOwnersRootAndKeepsAllDataAndCounts() throws SQLException {
        List<User> users = fillThroughTheSeedsProtocol();
        String database = System.getProperty("it.db.name") + "_migration";
        TestEnvironment.recreateDatabase(database);
        String url = "jdbc:mariadb://127.0.0.1:3306/" + database;
        flyway(url).target("2").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "clouddisk", "clouddisk")) {
            copySeedRows(users, c);
            Map<String, List<String>> before = seedRows(c);
            assertEquals(6, before.get("user_file_list").size(), before.toString());
            assertEquals(1, before.get("share_file_list").size(), before.toString());

            assertEquals(1, flyway(url).load().migrate().migrationsExecuted);

            assertEquals(before, seedRows(c), "every row of the seed's tables kept as it was");
            assertEquals(List.of(), Invariants.checkDatabase(c));
            for (User u : users) {
                assertEquals(1L, number(c, "select count(*) from user_folder where user = ? and parent_id = 0"
                        + " and name = ''", u.name()), "one root for " + u.name());
                assertEquals(0L, number(c, "select count(*) from user_folder where user = ? and parent_id <> 0",
                        u.name()), "no other folder");
                assertEquals(number(c, "select count(*) from user_file_list where user = ?", u.name()),
                        number(c, "select count(*) from user_file_list u join user_folder r on r.id = u.folder_id"
                                + " where u.user = ? and r.parent_id = 0 and r.user = u.user", u.name()),
                        "every file of " + u.name() + " in its root");
            }
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url) {
        return Flyway.configure(MigrationIT.class.getClassLoader()).dataSource(url, "clouddisk", "clouddisk")
                .locations("classpath:db/migration").placeholders(MARIADB);
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
        assertEquals("010", client.dealFile("share", a, md5(shared), sharedName));
        assertEquals("016", client.publicPv(md5(shared), sharedName));
        assertEquals("020", client.dealShare("save", c, md5(shared), sharedName));
        assertEquals("016", client.dealFile("pv", a, md5(other), "notes.txt"));
        return users;
    }

    /** The users' rows, with file_info and the public share count as they are for those users alone. */
    private static void copySeedRows(List<User> users, Connection target) throws SQLException {
        String names = users.stream().map(u -> "'" + u.name() + "'").collect(Collectors.joining(","));
        String source = System.getProperty("it.db.name");
        try (var s = target.createStatement()) {
            s.execute(copy(source, "user_info", "user_name in (" + names + ")"));
            s.execute(copy(source, "user_file_list", "user in (" + names + ")"));
            s.execute(copy(source, "user_file_count", "user in (" + names + ")"));
            s.execute(copy(source, "share_file_list", "user in (" + names + ")"));
            s.execute(copy(source, "file_info", "md5 in (select md5 from user_file_list where user in (" + names + "))"));
            s.execute("update file_info f set count = (select count(*) from user_file_list u where u.md5 = f.md5)");
            s.execute("insert into user_file_count (user, count) select 'xxx_share_xxx_file_xxx_list_xxx_count_xxx',"
                    + " count(*) from share_file_list");
        }
    }

    private static String copy(String source, String table, String where) {
        String columns = SEED_TABLES.get(table);
        return "insert into " + table + " (" + columns + ") select " + columns + " from " + source + "." + table
                + " where " + where;
    }

    /** Every row of the seed's tables, in the columns the seed had, by table. */
    private static Map<String, List<String>> seedRows(Connection c) throws SQLException {
        Map<String, List<String>> all = new java.util.TreeMap<>();
        for (var table : SEED_TABLES.entrySet()) {
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery("select " + table.getValue() + " from " + table.getKey()
                    + " order by id")) {
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
