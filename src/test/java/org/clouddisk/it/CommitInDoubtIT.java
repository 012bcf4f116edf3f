package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
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
 * the database does not have. A second WildFly reaches MariaDB through a {@link CommitCutter}, which swallows the
 * COMMIT of one public download's count.
 */
class CommitInDoubtIT {

    private static final Path DIR = Path.of("target", "commit-in-doubt").toAbsolutePath();

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    @Test
    void aPublicDownloadWhoseCommitIsInDoubtLeavesNoCountInTheRanking() throws Exception {
        int offset = Integer.getInteger("it.http.port") - 8080 + 90;
        try (var cutter = new CommitCutter(3306);
             var node = new StandaloneServer(DIR.resolve("node"), offset, throughCutter(cutter))) {
            node.start();
            var client = new CloudDiskClient(node.baseUrl());
            User owner = client.newUser("indoubt");
            byte[] content = CloudDiskClient.uniqueContent("in-doubt", 64);
            String name = uniqueName("doubted") + ".bin";
            String md5 = CloudDiskClient.md5(content);
            assertEquals("008", client.uploadLegacy(owner, name, content));
            assertEquals("010", client.dealFile("share", owner, md5, name));
            assertEquals("016", client.publicPv(md5, name));
            assertEquals(1, publicPv(client, md5 + name), "read from the ranking, which is now in Redis");
            assertEquals(1.0, rankingScore(md5 + name));

            cutter.arm("share_file_list");
            assertEquals("017", client.publicPv(md5, name), "the count's commit went unanswered");
            assertTrue(cutter.awaitCut(Duration.ofSeconds(10)));

            Double score = rankingScore(md5 + name);
            assertTrue(score == null || score == 1.0, "the ranking holds no count the database lacks: " + score);
            assertEquals(1L, Invariants.number("select pv from share_file_list where md5 = ? and file_name = ?",
                    md5, name));
            assertEquals(1, publicPv(client, md5 + name), "the ranking, rebuilt, agrees with the database");
            assertEquals("016", client.publicPv(md5, name), "the connection pool recovered");
            assertEquals(2, publicPv(client, md5 + name));
            assertEquals(2.0, rankingScore(md5 + name));
        }
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

    private static int publicPv(CloudDiskClient client, String member) {
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
