package org.clouddisk.it;

import io.tus.java.client.TusClient;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;
import jakarta.json.JsonObject;
import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The official tus Java client (io.tus.java.client 0.5.1, a client nobody here wrote) against /api/v2/uploads: a
 * 1 GiB file generated as it is read (never in memory), sent in 8 MiB requests, downloaded again and compared by MD5.
 */
class TusClientIT extends Deployments {

    private static final long SIZE = 1L << 30;
    private static final int REQUEST_BYTES = 8 << 20;
    private static final long SEED = 14;

    private final DriveClient drive = new DriveClient(client);

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold();
    }

    @Test
    void uploadsOneGibibyteInEightMibRequestsByteExact() throws Exception {
        User u = client.newUser("tusjava");
        TusClient tus = new TusClient();
        tus.setUploadCreationURL(URI.create(client.base() + "/api/v2/uploads").toURL());
        tus.setHeaders(Map.of("Authorization", "Bearer " + u.token()));
        TusUpload upload = new TusUpload();
        upload.setSize(SIZE);
        upload.setInputStream(new GeneratedContent(SEED, SIZE));
        upload.setFingerprint("generated-" + SEED + "-" + SIZE);
        upload.setMetadata(Map.of("name", "big.bin"));

        TusUploader uploader = tus.createUpload(upload);
        uploader.setChunkSize(1 << 20);
        uploader.setRequestPayloadSize(REQUEST_BYTES);
        while (uploader.uploadChunk() > -1) {
            // each call sends 1 MiB of the current request; a request ends after 8 MiB
        }
        uploader.finish();
        assertEquals(SIZE, uploader.getOffset());

        List<JsonObject> items = drive.children(u, "root", "").getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1, items.size(), items.toString());
        JsonObject file = items.get(0);
        assertEquals("big.bin", file.getString("name"));
        assertEquals(SIZE, file.getJsonNumber("size").longValue());
        String expected = GeneratedContent.md5(SEED, SIZE);
        assertEquals(expected, file.getString("md5"));
        assertEquals(expected, downloadedMd5(u, file.getString("id")), "the stored bytes are the sent bytes");
    }

    /** Streams the file's content through an MD5 digest (1 GiB never sits in memory). */
    private String downloadedMd5(User u, String nodeId) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(client.base() + "/api/v2/nodes/" + nodeId + "/content"))
                .header("Authorization", "Bearer " + u.token()).timeout(Duration.ofMinutes(20)).build();
        HttpResponse<InputStream> answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, answer.statusCode());
        try (var in = new DigestInputStream(answer.body(), MessageDigest.getInstance("MD5"))) {
            byte[] buffer = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
            }
            assertEquals(SIZE, total);
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        }
    }
}
