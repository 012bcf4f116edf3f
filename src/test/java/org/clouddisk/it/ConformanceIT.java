package org.clouddisk.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The black-box protocol suite (shared/conformance) against the deployed WAR, in each content store run; its
 * output is kept in target/conformance-<store>.txt. Afterwards every invariant must still hold.
 */
class ConformanceIT extends Deployments {

    @Test
    void theWholeProtocolConforms() throws IOException, InterruptedException {
        Path report = Path.of("target", "conformance-" + TestEnvironment.storage() + ".txt");
        Process p = new ProcessBuilder("python3", System.getProperty("it.conformance"), "--base", client.base())
                .redirectErrorStream(true).redirectOutput(report.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "conformance suite did not finish");
        String output = Files.readString(report);
        assertEquals(0, p.exitValue(), "conformance suite failed:\n" + output);
        assertTrue(output.contains(" 0 failed"), output);
        Invariants.assertHold();
    }
}
