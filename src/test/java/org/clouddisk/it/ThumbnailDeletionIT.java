package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A content's thumbnails (kept under the data dir by org.clouddisk.previews) go when the content is deleted from the
 * store, and only then. Until the thumbnail endpoint exists, the test lays the thumbnail files down itself.
 */
class ThumbnailDeletionIT extends Deployments {

    @Test
    void deletingTheLastReferenceDeletesTheContentsThumbnailsOnly() throws Exception {
        User owner = client.newUser("thumb");
        User other = client.newUser("thumb");
        byte[] content = ("picture " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        String md5 = CloudDiskClient.md5(content);
        byte[] kept = ("another picture " + Instant.now()).getBytes(StandardCharsets.UTF_8);
        String keptMd5 = CloudDiskClient.md5(kept);
        assertEquals("008", client.uploadLegacy(owner, "p.jpg", content));
        assertEquals("005", client.instant(other, md5, "p.jpg"));
        assertEquals("008", client.uploadLegacy(owner, "q.jpg", kept));
        Path small = thumbnail(md5, "64.jpg");
        Path large = thumbnail(md5, "1024.png");
        Path unrelated = thumbnail(keptMd5, "64.jpg");

        assertEquals("013", client.dealFile("del", owner, md5, "p.jpg"));
        client.emptyTrash(owner); // a delete goes to the trash; the reference goes with the purge
        Thread.sleep(3000); // a maintenance tick (2 s in the tests): a referenced content's thumbnails stay
        assertTrue(Files.exists(small) && Files.exists(large), "thumbnails of content still referenced were deleted");

        assertEquals("013", client.dealFile("del", other, md5, "p.jpg"));
        client.emptyTrash(other);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Files.exists(small) || Files.exists(large)) {
            assertTrue(Instant.now().isBefore(deadline), "the thumbnails outlived their content");
            Thread.sleep(200);
        }
        assertTrue(Files.exists(unrelated), "another content's thumbnail was deleted");
        Invariants.assertHold();
    }

    private static Path thumbnail(String md5, String sizeAndExtension) throws Exception {
        Path file = TestEnvironment.dataDir().resolve("thumbnails").resolve(md5.substring(0, 2))
                .resolve(md5 + "-" + sizeAndExtension);
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[]{1, 2, 3});
    }
}
