package org.clouddisk.it;

import jakarta.json.JsonValue;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
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
 *
 * <p>Downloads go the production way: the nodes answer with X-Accel-Redirect (CLOUDDISK_ACCEL_REDIRECT) and nginx
 * fetches the bytes, through nginx/accel-fastdfs.conf, from the storage's HTTP server ({@link NginxFront}).
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "fastdfs")
class ClusterIT {

    private static final Path DIR = Path.of("target", "cluster").toAbsolutePath();
    private static final List<StandaloneServer> NODES = new ArrayList<>();
    private static NginxFront nginx;
    private static String nginxUrl;

    @BeforeAll
    static void startTopology() throws Exception {
        StandaloneServer.deleteTree(DIR);
        Files.createDirectories(DIR);
        int firstOffset = Integer.getInteger("it.http.port") - 8080 + 60;
        List<Integer> offsets = List.of(firstOffset, firstOffset + 10);
        nginx = NginxFront.withFastdfs(DIR.resolve("nginx"), offsets.stream().map(o -> 8080 + o).toList(),
                TestEnvironment.fastdfs().dir());
        nginxUrl = nginx.baseUrl();
        for (int i = 0; i < offsets.size(); i++) {
            var properties = new ArrayList<>(StandaloneServer.arquillianServerProperties().stream()
                    .filter(p -> !p.startsWith("-Dclouddisk.node.id") && !p.startsWith("-Dclouddisk.public.url"))
                    .toList());
            properties.add("-Dclouddisk.node.id=cluster-node-" + i);
            properties.add("-Dclouddisk.public.url=" + nginxUrl); // clients download through nginx
            properties.add("-Dclouddisk.accel.redirect=" + NginxFront.ACCEL_PREFIX);
            var node = new StandaloneServer(DIR.resolve("node" + i), offsets.get(i), properties);
            NODES.add(node);
            node.start();
        }
    }

    @AfterAll
    static void stopTopology() throws Exception {
        if (nginx != null) {
            nginx.close();
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

    /** Each node caches verified tokens; a revocation on one must still be refused by the other at once. */
    @Test
    void aUserDisabledOnOneNodeIsRefusedAtOnceByTheOther() {
        var a = new CloudDiskClient(NODES.get(0).baseUrl());
        var b = new CloudDiskClient(NODES.get(1).baseUrl());
        var driveA = new DriveClient(a);
        var driveB = new DriveClient(b);
        User admin = QuotaIT.administrator(a);
        for (int round = 0; round < 5; round++) {
            User u = a.newUser("cluster_disabled");
            for (int i = 0; i < 3; i++) { // cached on both nodes
                assertEquals("110", b.code("/myfiles?cmd=count", json("user", u.name(), "token", u.token())));
                assertEquals(200, driveB.send(u, "GET", "/me", null).status());
                assertEquals(200, driveA.send(u, "GET", "/me", null).status());
            }
            driveA.expect(200, admin, "PATCH", "/admin/users/" + u.name(), json("disabled", JsonValue.TRUE).toString());
            assertEquals("111", b.code("/myfiles?cmd=count", json("user", u.name(), "token", u.token())),
                    "round " + round);
            driveB.expectProblem(401, "unauthorized", u, "GET", "/me", null);
            driveA.expectProblem(401, "unauthorized", u, "GET", "/me", null);
        }
    }

    @Test
    void anUploadBegunOnOneNodeIsFinishedOnTheOtherThroughNginx() {
        var a = new CloudDiskClient(NODES.get(0).baseUrl());
        var tusA = new TusRequests(a);
        var tusB = new TusRequests(new CloudDiskClient(NODES.get(1).baseUrl()));
        var tusFront = new TusRequests(new CloudDiskClient(nginxUrl));
        User u = a.newUser("clustertus");
        byte[] content = CloudDiskClient.uniqueContent("cluster-tus", 3_000_000);
        String upload = tusA.begin(u, content.length, TusRequests.metadata("name", "across.bin", "md5",
                CloudDiskClient.md5(content)));
        assertEquals(204, tusA.patch(u, upload, 0, java.util.Arrays.copyOfRange(content, 0, 1_000_000)).status());
        assertEquals(1_000_000, tusFront.offset(u, upload), "the Location holds through nginx");
        assertEquals(204, tusFront.patch(u, upload, 1_000_000, java.util.Arrays.copyOfRange(content, 1_000_000,
                2_000_000)).status());
        var last = tusB.patch(u, upload, 2_000_000, java.util.Arrays.copyOfRange(content, 2_000_000, content.length));
        assertEquals(204, last.status(), last.text());
        var file = new DriveClient(new CloudDiskClient(nginxUrl)).node(u, last.header("CloudDisk-Node"));
        assertEquals(CloudDiskClient.md5(content), file.getString("md5"));
        assertEquals(content.length, file.getJsonNumber("size").longValue());
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
        var classic = new ClassicClient(nginx.classicPort(), null);
        String name = CloudDiskClient.uniqueName("qtn");
        String secret = CloudDiskClient.md5(name.getBytes());
        assertEquals("002", classic.code("/reg", ClassicClient.qtJson("email", "", "firstPwd", secret, "nickName", name,
                "phone", "", "userName", name)));
        String token = classic.post("/login", ClassicClient.qtJson("pwd", secret, "user", name)).getString("token");
        byte[] content = CloudDiskClient.uniqueContent("through-nginx", 100_000);
        String md5 = CloudDiskClient.md5(content);
        String md5Request = ClassicClient.qtJson("fileName", "n.bin", "md5", md5, "token", token, "user", name);

        var seed = new ClassicClient(nginx.port(), null, "X-CloudDisk-Dialect: classic");
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
        assertEquals("111", new ClassicClient(nginx.classicPort(), "127.0.0.2", "X-Real-IP: 127.0.0.1").code("/dealsharefile?cmd=cancel", cancel),
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

    @Test
    void downloadsAreSentByNginxAfterANodeSaidYes() {
        AcceleratedDownloads.assertSentByNginx(nginxUrl, NODES.get(0).baseUrl());
    }
}
