package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.Answer;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;

import static org.clouddisk.it.CloudDiskClient.md5;
import static org.clouddisk.it.CloudDiskClient.uniqueContent;
import static org.clouddisk.it.TusRequests.metadata;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An upload survives a server restart and continues on another node (API.md, "Uploads"): two WildFly nodes of the
 * test's own on the Arquillian server's database, Redis and content store (not deriving from {@link Deployments}: the
 * nodes copy the Arquillian server's configuration, which must not name a deployment then). Begun on the first node,
 * continued on the second while the first is down, finished on the first after its restart. The MD5 state travels
 * with the upload's row.
 */
class TusRestartIT {

    private static final Path DIR = Path.of("target", "tus-restart").toAbsolutePath();

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    private static ArrayList<String> properties(String nodeId) {
        var properties = new ArrayList<>(StandaloneServer.arquillianServerProperties().stream()
                .filter(p -> !p.startsWith("-Dclouddisk.node.id")).toList());
        properties.add("-Dclouddisk.node.id=" + nodeId);
        return properties;
    }

    @Test
    void anUploadSurvivesARestartAndMovesBetweenNodes() throws Exception {
        StandaloneServer.deleteTree(DIR);
        int offset = Integer.getInteger("it.http.port") - 8080 + 40;
        byte[] content = uniqueContent("tus-restart", 3_000_000);
        try (var node = new StandaloneServer(DIR.resolve("node"), offset, properties("tus-restart-1"));
             var other = new StandaloneServer(DIR.resolve("other"), offset + 10, properties("tus-restart-2"))) {
            node.start();
            var client = new CloudDiskClient(node.baseUrl());
            User u = client.newUser("tusrestart");
            var onNode = new TusRequests(client);
            String upload = onNode.begin(u, content.length, metadata("name", "moved.bin", "md5", md5(content)));
            assertEquals(204, onNode.patch(u, upload, 0, Arrays.copyOfRange(content, 0, 1_000_000)).status());

            node.stop();
            other.start();
            var here = new TusRequests(new CloudDiskClient(other.baseUrl()));
            assertEquals(1_000_000, here.offset(u, upload), "another node sees where the upload stands");
            assertEquals(204, here.patch(u, upload, 1_000_000, Arrays.copyOfRange(content, 1_000_000, 2_000_000))
                    .status());

            node.start();
            assertEquals(2_000_000, onNode.offset(u, upload), "the restarted node too");
            Answer last = onNode.patch(u, upload, 2_000_000, Arrays.copyOfRange(content, 2_000_000, content.length));
            assertEquals(204, last.status(), last.text());
            Answer file = new DriveClient(client).send(u, "GET", "/nodes/" + last.header("CloudDisk-Node")
                    + "/content", null);
            assertArrayEquals(content, file.body(), "one MD5 across three requests on two nodes matched");
        }
    }
}
