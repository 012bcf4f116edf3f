package org.clouddisk.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks the server's database connections the way a database restart or a network cut does: as the MariaDB user
 * clouddisk (a user may kill its own connections), KILLs every connection of that user to the test database except
 * its own.
 */
public final class ProcessListKiller implements AutoCloseable {

    private static final int ER_NO_SUCH_THREAD = 1094;

    private final String database;
    private final Connection connection;

    public ProcessListKiller(String database) throws SQLException {
        this.database = database;
        // no default database: this connection is never one of those it kills
        this.connection = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "clouddisk", "clouddisk");
    }

    /** The ids of the other connections of user clouddisk to the database. */
    public List<Long> connections() throws SQLException {
        var ids = new ArrayList<Long>();
        try (PreparedStatement s = connection.prepareStatement("select ID from information_schema.PROCESSLIST"
                + " where USER = 'clouddisk' and DB = ? and ID <> CONNECTION_ID()")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Kills every such connection; answers how many it killed. */
    public int killAll() throws SQLException {
        int killed = 0;
        try (Statement s = connection.createStatement()) {
            for (long id : connections()) {
                try {
                    s.execute("KILL CONNECTION " + id);
                    killed++;
                } catch (SQLException e) {
                    if (e.getErrorCode() != ER_NO_SUCH_THREAD) { // gone in between
                        throw e;
                    }
                }
            }
        }
        return killed;
    }

    /** Kills again and again, every {@code every}, for {@code total}; answers the number killed in each round. */
    public List<Integer> killRepeatedly(Duration total, Duration every) throws SQLException, InterruptedException {
        var rounds = new ArrayList<Integer>();
        long end = System.nanoTime() + total.toNanos();
        while (System.nanoTime() < end) {
            rounds.add(killAll());
            Thread.sleep(every.toMillis());
        }
        return rounds;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
