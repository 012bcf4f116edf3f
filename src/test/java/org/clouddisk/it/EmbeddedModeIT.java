package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README's run command mode: the same configured WildFly with no CLOUDDISK_* settings at all (H2 file
 * database, in-process tokens and ranking, local content store) registers, logs in, stores a file and keeps
 * all of it across a restart. Runs its own server (own base directory and ports), not the Arquillian one.
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "local")
class EmbeddedModeIT {

    private static final int PORT_OFFSET = Integer.getInteger("it.http.port") - 8080 + 50;
    private static final Path WILDFLY = Path.of(System.getProperty("it.wildfly.home"));
    private static final Path BASE = Path.of("target", "embedded-server").toAbsolutePath();
    private static final Path DATA = Path.of("target", "it-data", "embedded").toAbsolutePath();

    @Test
    void registersLogsInAndKeepsDataAcrossRestartsWithNoExternalService() throws Exception {
        deleteTree(BASE);
        deleteTree(DATA);
        Files.createDirectories(BASE.resolve("deployments"));
        copyTree(WILDFLY.resolve("standalone/configuration"), BASE.resolve("configuration"));
        Files.copy(Path.of(System.getProperty("it.war")), BASE.resolve("deployments/clouddisk.war"));
        var client = new CloudDiskClient("http://127.0.0.1:" + (8080 + PORT_OFFSET));
        byte[] content = ("kept across restarts " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        String name = CloudDiskClient.uniqueName("embedded");
        String password = CloudDiskClient.md5(name.getBytes(StandardCharsets.UTF_8));

        Process server = start();
        try {
            User u = client.register(name, password);
            assertEquals("008", client.uploadLegacy(u, "notes.txt", content));
        } finally {
            stop(server);
        }

        server = start();
        try {
            User again = client.login(name, password);
            var files = client.myFiles(again, "normal");
            assertEquals(1, files.size());
            assertArrayEquals(content, client.get(files.get(0).getString("url")).body());
            assertEquals(true, Files.exists(DATA.resolve("db")), "the H2 database lives in the data folder");
        } finally {
            stop(server);
        }
    }

    private static Process start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(WILDFLY.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + BASE, "-Djboss.socket.binding.port-offset=" + PORT_OFFSET,
                "-Dclouddisk.data.dir=" + DATA,
                // only because this server is not on the default port 8080: download URLs must reach it
                "-Dclouddisk.public.url=http://127.0.0.1:" + (8080 + PORT_OFFSET)));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(BASE.resolve("console.log").toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("CLOUDDISK_"));
        Process p = builder.start();
        Path deployed = BASE.resolve("deployments/clouddisk.war.deployed");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!Files.exists(deployed)) {
            if (Instant.now().isAfter(deadline) || !p.isAlive()
                    || Files.exists(BASE.resolve("deployments/clouddisk.war.failed"))) {
                stop(p);
                throw new AssertionError("the embedded server did not deploy (see " + BASE + "/log/server.log)");
            }
            Thread.sleep(200);
        }
        return p;
    }

    private static void stop(Process p) throws IOException, InterruptedException {
        new ProcessBuilder(WILDFLY.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + (9990 + PORT_OFFSET), "command=:shutdown")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(60, TimeUnit.SECONDS);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        Files.deleteIfExists(BASE.resolve("deployments/clouddisk.war.deployed"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
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
