package org.clouddisk.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * nginx/accel-local.conf: a second node on the Arquillian server's database, Redis and local content folder, with
 * CLOUDDISK_ACCEL_REDIRECT, behind nginx, which sends the bytes of downloads from that folder. Runs in the local
 * run (ClusterIT covers nginx/accel-fastdfs.conf in the fastdfs run).
 */
@EnabledIfSystemProperty(named = "it.storage", matches = "local")
class LocalAccelIT {

    private static final Path DIR = Path.of("target", "local-accel").toAbsolutePath();
    private static final String DATA_DIR = "-Dclouddisk.data.dir=";

    @Test
    void downloadsAreSentByNginxFromTheDataDir() throws Exception {
        StandaloneServer.deleteTree(DIR);
        int offset = Integer.getInteger("it.http.port") - 8080 + 80;
        List<String> shared = StandaloneServer.arquillianServerProperties();
        Path dataDir = Path.of(shared.stream().filter(p -> p.startsWith(DATA_DIR)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + DATA_DIR + " among the server's options"))
                .substring(DATA_DIR.length()));
        try (var nginx = NginxFront.withLocalStore(DIR.resolve("nginx"), List.of(8080 + offset), dataDir)) {
            var properties = new ArrayList<>(shared.stream()
                    .filter(p -> !p.startsWith("-Dclouddisk.node.id") && !p.startsWith("-Dclouddisk.public.url"))
                    .toList());
            properties.add("-Dclouddisk.node.id=local-accel");
            properties.add("-Dclouddisk.public.url=" + nginx.baseUrl());
            properties.add("-Dclouddisk.accel.redirect=" + NginxFront.ACCEL_PREFIX);
            try (var node = new StandaloneServer(DIR.resolve("node"), offset, properties)) {
                node.start();
                AcceleratedDownloads.assertSentByNginx(nginx.baseUrl(), node.baseUrl());
            }
        }
    }
}
