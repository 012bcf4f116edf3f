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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.clouddisk.it.CloudDiskClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production topology on one machine: Debian's nginx with the project's nginx/clouddisk.conf in front of two
 * WildFly nodes, both on the same MariaDB, Redis and FastDFS (test server). Runs in the fastdfs run.
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "fastdfs")
class ClusterIT {

    private static final Path DIR = Path.of("target", "cluster").toAbsolutePath();
    private static final List<StandaloneServer> NODES = new ArrayList<>();
    private static Process nginx;
    private static String nginxUrl;
    /** nginx's ports for browsers and seed clients, and for classic desktop clients. */
    private static int seedPort;
    private static int classicPort;

    @BeforeAll
    static void startTopology() throws Exception {
        StandaloneServer.deleteTree(DIR);
        Files.createDirectories(DIR);
        seedPort = freePort();
        nginxUrl = "http://127.0.0.1:" + seedPort;
        int firstOffset = Integer.getInteger("it.http.port") - 8080 + 60;
        for (int i = 0; i < 2; i++) {
            var properties = new ArrayList<>(StandaloneServer.arquillianServerProperties().stream()
                    .filter(p -> !p.startsWith("-Dclouddisk.node.id") && !p.startsWith("-Dclouddisk.public.url"))
                    .toList());
            properties.add("-Dclouddisk.node.id=cluster-node-" + i);
            properties.add("-Dclouddisk.public.url=" + nginxUrl); // clients download through nginx
            var node = new StandaloneServer(DIR.resolve("node" + i), firstOffset + 10 * i, properties);
            NODES.add(node);
            node.start();
        }
        classicPort = freePort();
        nginx = startNginx(seedPort, classicPort);
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
    void classicClientsOnTheirPortAndSeedClientsOnTheOtherThroughNginx() {
        var classic = new ClassicClient(classicPort, null);
        String name = CloudDiskClient.uniqueName("qtn");
        String secret = CloudDiskClient.md5(name.getBytes());
        assertEquals("002", classic.code("/reg", ClassicClient.qtJson("email", "", "firstPwd", secret, "nickName", name,
                "phone", "", "userName", name)));
        String token = classic.post("/login", ClassicClient.qtJson("pwd", secret, "user", name)).getString("token");
        byte[] content = CloudDiskClient.uniqueContent("through-nginx", 100_000);
        String md5 = CloudDiskClient.md5(content);
        String md5Request = ClassicClient.qtJson("fileName", "n.bin", "md5", md5, "token", token, "user", name);

        var seed = new ClassicClient(seedPort, null, "X-CloudDisk-Dialect: classic");
        assertEquals("006", seed.code("/md5", md5Request), "the seed port's dialect, whatever the client claims");
        assertEquals("007", classic.code("/md5", md5Request));
        assertEquals("008", classic.post("/upload", ClassicClient.uploadBody(name, "n.bin", md5, content.length, content))
                .getString("code"));
        assertEquals("005", classic.code("/md5", md5Request));
        assertEquals("004", seed.code("/md5", md5Request));
        assertEquals("n.bin", classic.post("/myfiles?cmd=normal", ClassicClient.qtJson("count", 10, "start", 0,
                "token", token, "user", name)).getJsonArray("files").getJsonObject(0).getString("file_name"));
        assertEquals("010", classic.code("/dealfile?cmd=share", ClassicClient.qtJson("filename", "n.bin", "md5", md5,
                "token", token, "user", name)));
        String cancel = ClassicClient.qtJson("filename", "n.bin", "md5", md5, "user", name);
        assertEquals("111", new ClassicClient(classicPort, "127.0.0.2", "X-Real-IP: 127.0.0.1").code("/dealsharefile?cmd=cancel", cancel),
                "another client address: nginx reports its own view of it");
        assertEquals("111", seed.code("/dealsharefile?cmd=cancel", cancel), "the seed dialect wants the token");
        assertEquals("018", classic.code("/dealsharefile?cmd=cancel", cancel), "from the address the login came from");
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

    /** nginx with the project's configuration, only its listen ports, upstream servers and include path set for this test. */
    private static Process startNginx(int port, int classicPort) throws IOException, InterruptedException {
        String project = Files.readString(Path.of("nginx", "clouddisk.conf"));
        String servers = NODES.stream().map(n -> "    server 127.0.0.1:" + n.httpPort() + " max_fails=3 fail_timeout=10s;")
                .reduce((x, y) -> x + "\n" + y).orElseThrow();
        String site = project.replace("    server 127.0.0.1:8080 max_fails=3 fail_timeout=10s;", servers)
                .replace("    listen 80;", "    listen 127.0.0.1:" + port + ";")
                .replace("    listen 8000;", "    listen 127.0.0.1:" + classicPort + ";")
                .replace("/etc/nginx/clouddisk-locations.conf", Path.of("nginx", "clouddisk-locations.conf").toAbsolutePath().toString());
        assertTrue(site.contains(":" + NODES.get(1).httpPort()) && site.contains(":" + port) && site.contains(":" + classicPort)
                        && !site.contains("include /etc/nginx/"), "nginx/clouddisk.conf no longer has the lines this test adapts");
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
