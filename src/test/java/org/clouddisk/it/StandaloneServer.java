package org.clouddisk.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly of the test's own beside the Arquillian one: the same configured distribution, its own base
 * directory (configuration copied, the packaged WAR in deployments/) and port offset, its own system properties.
 */
public final class StandaloneServer implements AutoCloseable {

    private static final Path WILDFLY = Path.of(System.getProperty("it.wildfly.home"));

    private final Path base;
    private final int portOffset;
    private final List<String> properties;
    private Process process;

    /** Prepares a fresh base directory; the server keeps it across {@link #stop()} and {@link #start()}. */
    public StandaloneServer(Path base, int portOffset, List<String> properties) throws IOException {
        this.base = base.toAbsolutePath();
        this.portOffset = portOffset;
        this.properties = List.copyOf(properties);
        deleteTree(this.base);
        Files.createDirectories(this.base.resolve("deployments"));
        try (Stream<Path> all = Files.walk(WILDFLY.resolve("standalone/configuration"))) {
            Path from = WILDFLY.resolve("standalone/configuration");
            for (Path p : all.toList()) {
                Files.copy(p, this.base.resolve("configuration").resolve(from.relativize(p).toString()));
            }
        }
        Files.copy(Path.of(System.getProperty("it.war")), this.base.resolve("deployments/clouddisk.war"));
    }

    /** The -D options of the Arquillian server (pom.xml), for a second node on the same services. */
    public static List<String> arquillianServerProperties() {
        return Stream.of(System.getProperty("it.server.jvm.args").split("\\s+"))
                .filter(a -> a.startsWith("-D") && !a.startsWith("-Djboss.socket.binding.port-offset"))
                .toList();
    }

    public int httpPort() {
        return 8080 + portOffset;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort();
    }

    /** The server's JVM (standalone.sh runs it as a child), for memory readings, jcmd and JFR. */
    public ProcessHandle jvm() {
        if (process == null) {
            throw new IllegalStateException("not started");
        }
        return process.descendants().filter(p -> p.info().command().orElse("").endsWith("/java")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no java process under " + process.pid()));
    }

    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(WILDFLY.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + portOffset));
        command.addAll(properties);
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("CLOUDDISK_"));
        builder.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true");
        process = builder.start();
        Path deployed = base.resolve("deployments/clouddisk.war.deployed");
        Instant deadline = Instant.now().plus(Duration.ofSeconds(300)); // a hang guard: a loaded 2-core machine took 147 s
        while (!Files.exists(deployed)) {
            if (Instant.now().isAfter(deadline) || !process.isAlive()
                    || Files.exists(base.resolve("deployments/clouddisk.war.failed"))) {
                stop();
                throw new AssertionError("the server in " + base + " did not deploy (see its log/server.log)");
            }
            Thread.sleep(200);
        }
    }

    public void stop() throws IOException, InterruptedException {
        if (process == null) {
            return;
        }
        new ProcessBuilder(WILDFLY.resolve("bin/jboss-cli.sh").toString(), "--connect",
                "--controller=127.0.0.1:" + (9990 + portOffset), "command=:shutdown")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                .waitFor(60, TimeUnit.SECONDS);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        process = null;
        Files.deleteIfExists(base.resolve("deployments/clouddisk.war.deployed"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        stop();
    }

    public static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
