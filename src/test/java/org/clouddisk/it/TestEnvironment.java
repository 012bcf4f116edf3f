package org.clouddisk.it;

import org.clouddisk.storage.fdfs.FastDfsTestServer;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;
import redis.clients.jedis.RedisClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Prepares what the WildFly under test is configured to use (pom.xml, failsafe executions), before Arquillian
 * starts it: a fresh MariaDB database, a redis-server of its own, an empty data folder and, for the fastdfs run,
 * the project's FastDFS test server. Does nothing in unit test runs (no it.storage property).
 */
public class TestEnvironment implements LauncherSessionListener {

    private static RedisServer redis;
    private static FastDfsTestServer fastdfs;

    public static boolean active() {
        return System.getProperty("it.storage") != null;
    }

    public static String storage() {
        return System.getProperty("it.storage");
    }

    public static RedisServer redis() {
        return redis;
    }

    /** A client of the run's redis-server, to look at what the server under test keeps there; close it. */
    public static RedisClient redisClient() {
        return RedisClient.create("127.0.0.1", redis.port());
    }

    /** The FastDFS test server of the fastdfs run, or null in the local run. */
    public static FastDfsTestServer fastdfs() {
        return fastdfs;
    }

    public static Path dataDir() {
        return Path.of(System.getProperty("it.data.dir"));
    }

    public static String dbUrl() {
        return "jdbc:mariadb://127.0.0.1:3306/" + System.getProperty("it.db.name");
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!active() || redis != null) {
            return;
        }
        try {
            recreateDatabase(System.getProperty("it.db.name"));
            deleteTree(dataDir());
            Files.createDirectories(dataDir());
            addManagementUser();
            redis = new RedisServer(Integer.getInteger("it.redis.port"), dataDir().resolve("redis.log"));
            redis.start();
            if ("fastdfs".equals(storage())) {
                fastdfs = FastDfsTestServer.start(Integer.getInteger("it.fastdfs.tracker.port"),
                        Integer.getInteger("it.fastdfs.storage.port"), dataDir().resolve("fastdfs"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the test database: " + e.getMessage(), e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            if (fastdfs != null) {
                fastdfs.stop();
            }
            if (redis != null) {
                redis.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The operator account of the admin endpoints (WildFly's management realm). */
    public static final String ADMIN_USER = "clouddisk-admin";
    public static final String ADMIN_PASSWORD = "Adm1n-t3st-only!";

    private static void addManagementUser() throws IOException {
        try {
            Process p = new ProcessBuilder(System.getProperty("it.wildfly.home") + "/bin/add-user.sh", "-s",
                    "-u", ADMIN_USER, "-p", ADMIN_PASSWORD).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IOException("add-user.sh failed with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Drops and creates a test database (only names starting with clouddisk_it). */
    public static void recreateDatabase(String name) throws SQLException {
        if (!name.matches("clouddisk_it[A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("refusing to recreate database " + name);
        }
        try (var c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "clouddisk", "clouddisk");
             var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
