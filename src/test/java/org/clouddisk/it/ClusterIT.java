package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production topology on one machine: Debian's nginx with the project's nginx/clouddisk.conf in front of two
 * WildFly nodes, both on the same MariaDB, Redis and FastDFS (test server). Runs in the fastdfs run.
 *
 * <p>Downloads go the production way: the nodes answer with X-Accel-Redirect (CLOUDDISK_ACCEL_REDIRECT) and nginx
 * fetches the bytes, through nginx/accel-fastdfs.conf, from the storage's HTTP server — here a second server
 * block of the same nginx serving the FastDFS test server's files, as a storage server's nginx would.
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "fastdfs")
class ClusterIT {

    private static final Path DIR = Path.of("target", "cluster").toAbsolutePath();
    private static final String ACCEL_PREFIX = "/internal-content";
    private static final List<StandaloneServer> NODES = new ArrayList<>();
    private static Process nginx;
    private static String nginxUrl;

    @BeforeAll
    static void startTopology() throws Exception {
        StandaloneServer.deleteTree(DIR);
        Files.createDirectories(DIR);
        int nginxPort = freePort();
        nginxUrl = "http://127.0.0.1:" + nginxPort;
        int firstOffset = Integer.getInteger("it.http.port") - 8080 + 60;
        for (int i = 0; i < 2; i++) {
            var properties = new ArrayList<>(StandaloneServer.arquillianServerProperties().stream()
                    .filter(p -> !p.startsWith("-Dclouddisk.node.id") && !p.startsWith("-Dclouddisk.public.url"))
                    .toList());
            properties.add("-Dclouddisk.node.id=cluster-node-" + i);
            properties.add("-Dclouddisk.public.url=" + nginxUrl); // clients download through nginx
            properties.add("-Dclouddisk.accel.redirect=" + ACCEL_PREFIX);
            var node = new StandaloneServer(DIR.resolve("node" + i), firstOffset + 10 * i, properties);
            NODES.add(node);
            node.start();
        }
        nginx = startNginx(nginxPort);
    }

    @AfterAll
    static void stopTopology() throws Exception {
        if (nginx != null) {
            nginx.destroy();
            nginx.waitFor(20, TimeUnit.SECONDS);
        }
        for (var node : NODES) {
            node.stop();
        }
    }

    @Test
    void aTokenFromOneNodeWorksOnTheOther() {
        var a = new CloudDiskClient(NODES.get(0).baseUrl());
        var b = new CloudDiskClient(NODES.get(1).baseUrl());
        User u = a.newUser("cluster");
        assertEquals("110", b.code("/myfiles?cmd=count", json("user", u.name(), "token", u.token())));
        assertEquals("008", b.uploadLegacy(u, "from-b.txt", "node b".getBytes()));
        assertEquals(1, a.myCount(u));
    }

    @Test
    void theWholeProtocolConformsThroughNginx() throws Exception {
        Path report = DIR.resolve("conformance-through-nginx.txt");
        Process p = new ProcessBuilder("python3", System.getProperty("it.conformance"), "--base", nginxUrl)
                .redirectErrorStream(true).redirectOutput(report.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), Files.readString(report));
        Invariants.assertHold();
    }

    @Test
    void countsStayExactWhenRequestsAlternateBetweenNodes() {
        var nodes = NODES.stream().map(n -> new CloudDiskClient(n.baseUrl())).toList();
        User owner = nodes.get(0).newUser("alt");
        byte[] content = ("alternating " + Instant.now()).getBytes();
        String md5 = CloudDiskClient.md5(content);
        assertEquals("008", nodes.get(1).uploadMultipart(owner, "alt.txt", content));
        List<User> others = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            User u = nodes.get(i % 2).newUser("alt");
            others.add(u);
            assertEquals("005", nodes.get((i + 1) % 2).instant(u, md5, "alt.txt"));
        }
        for (int i = 0; i < others.size(); i++) {
            assertEquals("013", nodes.get(i % 2).dealFile("del", others.get(i), md5, "alt.txt"));
        }
        Invariants.assertHold();
        assertEquals("013", nodes.get(0).dealFile("del", owner, md5, "alt.txt"));
        Invariants.assertHold();
    }

    @Test
    void aGibibyteUploadAndARangedDownloadThroughNginx() {
        var client = new CloudDiskClient(nginxUrl);
        var transfers = new LargeTransfers(nginxUrl);
        long size = (1L << 30) + 3;
        long seed = 42;
        String md5 = GeneratedContent.md5(seed, size);
        User u = client.newUser("gib");
        assertEquals("008", transfers.upload(u, "gib.bin", seed, size, md5));
        String url = LargeTransfers.urlOf(client, u, "gib.bin");
        assertTrue(url.startsWith(nginxUrl + "/group1/M00/"), url);
        assertEquals(new LargeTransfers.Received(206, 1_000_001,
                LargeTransfers.md5OfRange(seed, 500_000_000, 501_000_000)), transfers.download(url, "bytes=500000000-501000000"));
        assertEquals(new LargeTransfers.Received(200, size, md5), transfers.download(url, null));
        assertEquals("013", client.dealFile("del", u, md5, "gib.bin"));
        Invariants.assertHold();
    }

    @Test
    void downloadsAreSentByNginxAfterANodeSaidYes() {
        var client = new CloudDiskClient(nginxUrl);
        User u = client.newUser("accel");
        byte[] content = CloudDiskClient.uniqueContent("accel", 3 << 20);
        String md5 = CloudDiskClient.md5(content);
        assertEquals("008", client.uploadMultipart(u, "accel.bin", content));
        String url = LargeTransfers.urlOf(client, u, "accel.bin");
        String path = url.substring(nginxUrl.length());

        var node = new CloudDiskClient(NODES.get(0).baseUrl()).get(NODES.get(0).baseUrl() + path);
        assertEquals(200, node.status());
        assertEquals(ACCEL_PREFIX + path, node.header("X-Accel-Redirect"));
        assertEquals(0, node.body().length, "the node sent the bytes itself");

        var whole = client.get(url);
        assertEquals(200, whole.status());
        assertArrayEquals(content, whole.body());
        assertEquals('"' + md5 + '"', whole.header("ETag"));
        assertEquals(String.valueOf(content.length), whole.header("Content-Length"));
        assertEquals(null, whole.header("X-Accel-Redirect"));

        var range = client.get(url, "Range", "bytes=1000000-1999999");
        assertEquals(206, range.status());
        assertEquals("bytes 1000000-1999999/" + content.length, range.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(content, 1_000_000, 2_000_000), range.body());
        assertEquals('"' + md5 + '"', range.header("ETag"));

        assertEquals(416, client.get(url, "Range", "bytes=" + content.length + "-").status());
        var head = client.head(url);
        assertEquals(200, head.status());
        assertEquals(String.valueOf(content.length), head.header("Content-Length"));
        assertEquals(304, client.get(url, "If-None-Match", '"' + md5 + '"').status());
        assertEquals(404, client.get(url.replace(".bin", "x.bin")).status());

        assertEquals("013", client.dealFile("del", u, md5, "accel.bin"));
        assertEquals(404, client.get(url).status());
        Invariants.assertHold();
    }

    /**
     * nginx with the project's configuration, only its listen port and upstream servers set for this test, and
     * nginx/accel-fastdfs.conf included, pointed at a server block that serves the FastDFS test server's files.
     */
    private static Process startNginx(int port) throws IOException, InterruptedException {
        int storageHttpPort = freePort();
        String accel = Files.readString(Path.of("nginx", "accel-fastdfs.conf"))
                .replace("http://10.0.0.21:8888/", "http://127.0.0.1:" + storageHttpPort + "/");
        assertTrue(accel.contains(":" + storageHttpPort), "nginx/accel-fastdfs.conf no longer has the line this test adapts");
        Files.writeString(DIR.resolve("clouddisk-accel.conf"), accel);
        String project = Files.readString(Path.of("nginx", "clouddisk.conf"));
        String servers = NODES.stream().map(n -> "    server 127.0.0.1:" + n.httpPort() + " max_fails=3 fail_timeout=10s;")
                .reduce((x, y) -> x + "\n" + y).orElseThrow();
        String site = project.replace("    server 127.0.0.1:8080 max_fails=3 fail_timeout=10s;", servers)
                .replace("    listen 80;", "    listen 127.0.0.1:" + port + ";")
                .replace("    # include /etc/nginx/clouddisk-accel.conf;", "    include " + DIR.resolve("clouddisk-accel.conf") + ";");
        assertTrue(site.contains(":" + NODES.get(1).httpPort()) && site.contains(":" + port)
                        && site.contains("include " + DIR), "nginx/clouddisk.conf no longer has the lines this test adapts");
        // What a storage server's nginx (fastdfs-nginx-module) answers: /group1/M00/XX/YY/name from its store path.
        site += "\nserver {\n    listen 127.0.0.1:" + storageHttpPort + ";\n"
                + "    location /group1/M00/ {\n        alias " + TestEnvironment.fastdfs().dir().resolve("data") + "/;\n    }\n}\n";
        Files.writeString(DIR.resolve("clouddisk.conf"), site);
        String main = ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
                + "daemon off;\nworker_processes 2;\npid " + DIR.resolve("nginx.pid") + ";\n"
                + "error_log " + DIR.resolve("nginx-error.log") + " warn;\n"
                + "events { worker_connections 1024; }\n"
                + "http {\n  access_log " + DIR.resolve("nginx-access.log") + ";\n"
                + "  client_body_temp_path " + DIR.resolve("client_body") + ";\n"
                + "  proxy_temp_path " + DIR.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + DIR.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + DIR.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + DIR.resolve("scgi") + ";\n"
                + "  include " + DIR.resolve("clouddisk.conf") + ";\n}\n";
        Files.writeString(DIR.resolve("nginx.conf"), main);
        var test = new ProcessBuilder("/usr/sbin/nginx", "-t", "-p", DIR.toString(), "-c", DIR.resolve("nginx.conf").toString())
                .redirectErrorStream(true).start();
        String verdict = new String(test.getInputStream().readAllBytes());
        assertEquals(0, test.waitFor(), "nginx -t: " + verdict);
        Process p = new ProcessBuilder("/usr/sbin/nginx", "-p", DIR.toString(), "-c", DIR.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(DIR.resolve("nginx-console.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline) || !p.isAlive()) {
                    throw new AssertionError("nginx did not start: " + Files.readString(DIR.resolve("nginx-console.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
