package org.clouddisk.it;

import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What operators read off a node: readiness (MicroProfile Health) and the upload counters (Micrometer). */
class OperationsIT extends Deployments {

    private final String management = "http://127.0.0.1:" + System.getProperty("it.management.port");

    @Test
    void readinessChecksTheDatabaseRedisAndTheContentStore() {
        var answer = client.get(management + "/health/ready");
        assertEquals(200, answer.status(), answer.text());
        JsonObject health = answer.json().asJsonObject();
        assertEquals("UP", health.getString("status"));
        for (String check : new String[]{"database", "redis", "content-store"}) {
            assertTrue(health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .anyMatch(c -> c.getString("name").equals(check) && c.getString("status").equals("UP")),
                    check + " in " + health);
        }
    }

    @Test
    void countsUploadsInstantUploadsStoredBytesAndFailures() {
        double uploads = metric("clouddisk_uploads_total");
        double instant = metric("clouddisk_instant_uploads_total");
        double bytes = metric("clouddisk_stored_bytes_total");
        double failures = metric("clouddisk_upload_failures_total");
        User a = client.newUser("ops");
        User b = client.newUser("ops");
        byte[] content = ("counted " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        assertEquals("008", client.uploadLegacy(a, "c.txt", content));
        assertEquals("005", client.instant(b, CloudDiskClient.md5(content), "c.txt"));
        assertEquals("009", client.uploadCode(CloudDiskClient.legacyBody(a.name(), a.token(), "bad.txt",
                "0".repeat(32), content.length, content), "application/json"));
        assertEquals(uploads + 1, metric("clouddisk_uploads_total"));
        assertEquals(instant + 1, metric("clouddisk_instant_uploads_total"));
        assertEquals(bytes + content.length, metric("clouddisk_stored_bytes_total"));
        assertEquals(failures + 1, metric("clouddisk_upload_failures_total"));
    }

    /** A counter's value on the Prometheus endpoint; 0 before the counters exist. */
    private double metric(String name) {
        var answer = client.get(management + "/metrics");
        assertEquals(200, answer.status());
        Matcher m = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.Ee+-]+)$").matcher(answer.text());
        return m.find() ? Double.parseDouble(m.group(2)) : 0;
    }
}
