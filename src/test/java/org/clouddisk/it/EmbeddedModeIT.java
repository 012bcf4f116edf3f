package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's run command mode: the same configured WildFly with no CLOUDDISK_* settings at all (H2 file
 * database, in-process tokens and ranking, local content store) registers, logs in, stores a file and keeps
 * all of it across a restart. Runs its own server (own base directory and ports), not the Arquillian one.
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "local")
class EmbeddedModeIT {

    @Test
    void registersLogsInAndKeepsDataAcrossRestartsWithNoExternalService() throws Exception {
        int offset = Integer.getInteger("it.http.port") - 8080 + 50;
        Path data = Path.of("target", "it-data", "embedded").toAbsolutePath();
        StandaloneServer.deleteTree(data);
        byte[] content = ("kept across restarts " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        String name = CloudDiskClient.uniqueName("embedded");
        String password = CloudDiskClient.md5(name.getBytes(StandardCharsets.UTF_8));
        try (var server = new StandaloneServer(Path.of("target", "embedded-server"), offset, List.of(
                "-Dclouddisk.data.dir=" + data,
                // only because this server is not on the default port 8080: download URLs must reach it
                "-Dclouddisk.public.url=http://127.0.0.1:" + (8080 + offset)))) {
            var client = new CloudDiskClient(server.baseUrl());
            server.start();
            User u = client.register(name, password);
            assertEquals("008", client.uploadLegacy(u, "notes.txt", content));
            server.stop();

            server.start();
            User again = client.login(name, password);
            var files = client.myFiles(again, "normal");
            assertEquals(1, files.size());
            assertArrayEquals(content, client.get(files.get(0).getString("url")).body());
            assertTrue(Files.exists(data.resolve("db")), "the H2 database lives in the data folder");
            var drive = new DriveClient(client);
            var root = drive.children(again, "root", "");
            assertEquals(1, root.getInt("total"), "the v2 API sees the file in root, with an in-process token");
            assertEquals("notes.txt", root.getJsonArray("items").getJsonObject(0).getString("name"));
            // a folder's liveness is one recursive query: H2 answers it as MariaDB does
            String docs = DriveClient.id(drive.createFolder(again, "root", "docs"));
            String inner = DriveClient.id(drive.createFolder(again, docs, "inner"));
            assertEquals(0, drive.children(again, inner, "").getInt("total"));
            drive.trash(again, docs);
            drive.expectProblem(404, "not_found", again, "GET", "/nodes/" + inner + "/children", null);
        }
    }
}
