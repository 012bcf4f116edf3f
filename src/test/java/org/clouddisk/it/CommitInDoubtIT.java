package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.clouddisk.it.CloudDiskClient.uniqueName;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A commit whose answer is lost (the database connection dies after COMMIT was sent, or, as here, before it
 * arrives): the transaction manager tells the caller the outcome is unknown, and tells the transaction's
 * synchronizations it committed. The share ranking, changed in Redis just before that commit, must not keep a change
 * the database does not have, and an upload whose recording may not have committed must not leave its copy in the
 * store unless a row references it. A second WildFly reaches MariaDB through a {@link CommitCutter}, which swallows
 * the COMMIT of the transaction each test names.
 */
class CommitInDoubtIT {

    private static final Path DIR = Path.of("target", "commit-in-doubt").toAbsolutePath();

    private static CommitCutter cutter;
    private static StandaloneServer node;
    private static CloudDiskClient client;

    @BeforeAll
    static void startNodeBehindCutter() throws Exception {
        cutter = new CommitCutter(3306);
        node = new StandaloneServer(DIR.resolve("node"), Integer.getInteger("it.http.port") - 8080 + 90,
                throughCutter(cutter));
        node.start();
        client = new CloudDiskClient(node.baseUrl());
    }

    @AfterAll
    static void stop() throws Exception {
        try (var closedLast = cutter) {
            node.close();
        }
    }

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    @Test
    void aPublicDownloadWhoseCommitIsInDoubtLeavesNoCountInTheRanking() throws Exception {
        User owner = client.newUser("indoubt");
        byte[] content = CloudDiskClient.uniqueContent("in-doubt", 64);
        String name = uniqueName("doubted") + ".bin";
        String md5 = CloudDiskClient.md5(content);
        assertEquals("008", client.uploadLegacy(owner, name, content));
        assertEquals("010", client.dealFile("share", owner, md5, name));
        assertEquals("016", client.publicPv(md5, name));
        assertEquals(1, publicPv(md5 + name), "read from the ranking, which is now in Redis");
        assertEquals(1.0, rankingScore(md5 + name));

        cutter.arm("share_file_list");
        assertEquals("017", client.publicPv(md5, name), "the count's commit went unanswered");
        assertTrue(cutter.awaitCut(Duration.ofSeconds(10)));

        Double score = rankingScore(md5 + name);
        assertTrue(score == null || score == 1.0, "the ranking holds no count the database lacks: " + score);
        assertEquals(1L, Invariants.number("select pv from share_file_list where md5 = ? and file_name = ?",
                md5, name));
        assertEquals(1, publicPv(md5 + name), "the ranking, rebuilt, agrees with the database");
        assertEquals("016", client.publicPv(md5, name), "the connection pool recovered");
        assertEquals(2, publicPv(md5 + name));
        assertEquals(2.0, rankingScore(md5 + name));
    }

    /** The database rolled the recording back; the server cannot know it and must not keep an orphan copy either. */
    @Test
    void anUploadWhoseRecordingCommitIsInDoubtLeavesNoRowAndNoCopy() throws Exception {
        User owner = client.newUser("indoubtup");
        byte[] content = CloudDiskClient.uniqueContent("in-doubt-upload", 300_000);
        String md5 = CloudDiskClient.md5(content);

        cutter.arm("user_file_list");
        assertEquals("009", client.uploadLegacy(owner, "cut.bin", content), "the recording's commit went unanswered");
        assertTrue(cutter.awaitCut(Duration.ofSeconds(10)));
        assertEquals(0L, Invariants.number("select count(*) from user_file_list where user = ?", owner.name()));
        assertEquals(0L, Invariants.number("select count(*) from file_info where md5 = ?", md5));
        // (the store's files are counted against the rows by the invariants after the test: no copy left behind)

        assertEquals("008", client.uploadLegacy(owner, "cut.bin", content), "sent again, it is recorded");
        assertEquals(1L, Invariants.number("select count from file_info where md5 = ?", md5));
    }

    /** The Arquillian server's options, its database reached through the cutter, a node id of its own, no timer. */
    private static List<String> throughCutter(CommitCutter cutter) {
        var properties = new ArrayList<String>();
        for (String p : StandaloneServer.arquillianServerProperties()) {
            if (p.startsWith("-Dclouddisk.db.url=")) {
                properties.add(p.replace("127.0.0.1:3306/", "127.0.0.1:" + cutter.port() + "/"));
            } else if (!p.startsWith("-Dclouddisk.node.id") && !p.startsWith("-Dclouddisk.maintenance.interval")) {
                properties.add(p);
            }
        }
        properties.add("-Dclouddisk.node.id=commit-in-doubt");
        properties.add("-Dclouddisk.maintenance.interval=3600"); // no timer's transaction near the one to cut
        return properties;
    }

    private static int publicPv(String member) {
        return client.allShared("pvdesc").stream()
                .filter(f -> member.equals(f.getString("md5") + f.getString("filename")))
                .map(f -> f.getJsonNumber("pv").intValue()).findFirst().orElseThrow();
    }

    private static Double rankingScore(String member) {
        try (RedisClient redis = TestEnvironment.redisClient()) {
            return redis.zscore("FILE_PUBLIC_ZSET", member);
        }
    }
}
