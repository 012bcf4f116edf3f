package org.clouddisk.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx with the project's nginx/clouddisk.conf and clouddisk-locations.conf in front of WildFly nodes,
 * only its listen ports, upstream servers and include paths set, and downloads sent by nginx with X-Accel-Redirect: through nginx/accel-local.conf from the
 * local store's folder, or through nginx/accel-fastdfs.conf from the storage's HTTP server, which is then a second
 * server block of the same nginx serving the FastDFS test server's files from disk, as a storage server's nginx
 * (fastdfs-nginx-module) would.
 */
public final class NginxFront implements AutoCloseable {

    /** The internal location prefix of nginx/accel-*.conf, for CLOUDDISK_ACCEL_REDIRECT. */
    public static final String ACCEL_PREFIX = "/internal-content";

    private final Process process;
    private final int port;
    private final int classicPort;
    private final int storageHttpPort;

    private NginxFront(Process process, int port, int classicPort, int storageHttpPort) {
        this.process = process;
        this.port = port;
        this.classicPort = classicPort;
        this.storageHttpPort = storageHttpPort;
    }

    /**
     * @param dir where nginx keeps its configuration, logs and temporary files
     * @param nodePorts the HTTP ports of the WildFly nodes on 127.0.0.1
     * @param fastdfsDir the FastDFS test server's directory (its files are under data/)
     */
    public static NginxFront withFastdfs(Path dir, List<Integer> nodePorts, Path fastdfsDir)
            throws IOException, InterruptedException {
        int storageHttpPort = freePort();
        String accel = adapted("accel-fastdfs.conf", "http://10.0.0.21:8888/",
                "http://127.0.0.1:" + storageHttpPort + "/");
        String storageServer = "\nserver {\n    listen 127.0.0.1:" + storageHttpPort + ";\n"
                + "    location /group1/M00/ {\n        alias " + fastdfsDir.toAbsolutePath().resolve("data") + "/;\n"
                + "    }\n}\n";
        return start(dir, nodePorts, accel, storageServer, storageHttpPort);
    }

    /**
     * @param dir where nginx keeps its configuration, logs and temporary files
     * @param nodePorts the HTTP ports of the WildFly nodes on 127.0.0.1
     * @param dataDir the nodes' CLOUDDISK_DATA_DIR (the local store is its storage/ folder)
     */
    public static NginxFront withLocalStore(Path dir, List<Integer> nodePorts, Path dataDir)
            throws IOException, InterruptedException {
        String accel = adapted("accel-local.conf", "/var/lib/clouddisk/storage/",
                dataDir.toAbsolutePath().resolve("storage") + "/");
        return start(dir, nodePorts, accel, "", 0);
    }

    /** A file of nginx/ with the one value a deployment sets replaced by this test's. */
    private static String adapted(String file, String deployed, String here) throws IOException {
        String text = Files.readString(Path.of("nginx", file));
        if (!text.contains(deployed)) {
            throw new IllegalStateException("nginx/" + file + " no longer has " + deployed + " for tests to adapt");
        }
        return text.replace(deployed, here);
    }

    private static NginxFront start(Path dir, List<Integer> nodePorts, String accel, String moreServers,
                                    int storageHttpPort) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        int classicPort = freePort();
        Files.writeString(dir.resolve("clouddisk-accel.conf"), accel);
        Files.writeString(dir.resolve("clouddisk-locations.conf"), adapted("clouddisk-locations.conf",
                "# include /etc/nginx/clouddisk-accel.conf;",
                "include " + dir.resolve("clouddisk-accel.conf") + ";"));
        String servers = nodePorts.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=3 fail_timeout=10s;")
                .collect(Collectors.joining("\n"));
        String site = Files.readString(Path.of("nginx", "clouddisk.conf"))
                .replace("    server 127.0.0.1:8080 max_fails=3 fail_timeout=10s;", servers)
                .replace("    listen 80;", "    listen 127.0.0.1:" + port + ";")
                .replace("    listen 8000;", "    listen 127.0.0.1:" + classicPort + ";")
                .replace("/etc/nginx/clouddisk-locations.conf", dir.resolve("clouddisk-locations.conf").toString());
        if (!site.contains(":" + nodePorts.get(0) + " ") || !site.contains(":" + port + ";")
                || !site.contains(":" + classicPort + ";") || site.contains("include /etc/nginx/")) {
            throw new IllegalStateException("nginx/clouddisk.conf no longer has the lines "
                    + NginxFront.class.getSimpleName() + " adapts");
        }
        Files.writeString(dir.resolve("clouddisk.conf"), site + moreServers);
        // As Debian's /etc/nginx/nginx.conf around conf.d/: MIME types and sendfile, with this test's paths.
        String main = ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "")
                + "daemon off;\nworker_processes 2;\npid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("nginx-error.log") + " warn;\n"
                + "events { worker_connections 1024; }\n"
                + "http {\n  access_log " + dir.resolve("nginx-access.log") + ";\n"
                + "  include /etc/nginx/mime.types;\n"
                + "  sendfile on;\n"
                + "  client_body_temp_path " + dir.resolve("client_body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + "  include " + dir.resolve("clouddisk.conf") + ";\n}\n";
        Files.writeString(dir.resolve("nginx.conf"), main);
        String[] nginx = {"/usr/sbin/nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString()};
        Process test = new ProcessBuilder(List.of(nginx[0], "-t", nginx[1], nginx[2], nginx[3], nginx[4]))
                .redirectErrorStream(true).start();
        String verdict = new String(test.getInputStream().readAllBytes());
        if (test.waitFor() != 0) {
            throw new IllegalStateException("nginx -t: " + verdict);
        }
        Process process = new ProcessBuilder(nginx).redirectErrorStream(true)
                .redirectOutput(dir.resolve("nginx-console.log").toFile()).start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new NginxFront(process, port, classicPort, storageHttpPort);
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    process.destroy();
                    throw new IllegalStateException("nginx did not start: "
                            + Files.readString(dir.resolve("nginx-console.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Where clients reach the nodes through nginx. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** nginx's port for browsers and clients of the seed's protocol (baseUrl's). */
    public int port() {
        return port;
    }

    /** nginx's port for classic desktop clients. */
    public int classicPort() {
        return classicPort;
    }

    /**
     * The storage's HTTP server of {@link #withFastdfs}: nginx serving the stored files straight from disk, for
     * {@code /group1/M00/...}.
     */
    public String storageUrl() {
        if (storageHttpPort == 0) {
            throw new IllegalStateException("no storage HTTP server in front of the local store");
        }
        return "http://127.0.0.1:" + storageHttpPort;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
