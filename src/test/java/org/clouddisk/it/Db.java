package org.clouddisk.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.OptionalInt;

/** Straight reads and writes of the server's database, for assertions on exact rows. */
final class Db {

    private Db() {
    }

    /** The single number a query answers (e.g. a count). */
    static long number(String sql, Object... args) {
        try (Connection c = Invariants.connect(); PreparedStatement s = prepare(c, sql, args); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new AssertionError("no row for " + sql);
            }
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** file_info.count of the content, or empty when it has no file_info row. */
    static OptionalInt fileInfoCount(String md5) {
        try (Connection c = Invariants.connect();
             PreparedStatement s = prepare(c, "select count from file_info where md5 = ?", md5);
             ResultSet rs = s.executeQuery()) {
            return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The number of user_file_list rows of the user. */
    static long userFiles(String user) {
        return number("select count(*) from user_file_list where user = ?", user);
    }

    static int update(String sql, Object... args) {
        try (Connection c = Invariants.connect(); PreparedStatement s = prepare(c, sql, args)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }
}
