package org.clouddisk.it;

import org.clouddisk.it.CloudDiskClient.User;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A 2 GiB upload through a server whose heap is capped at 512 MiB (pom.xml: it.heap), in both content store runs:
 * memory use does not grow with the file size. Then the whole file and a range come back intact, and the delete
 * leaves nothing behind.
 */
class LargeUploadIT extends Deployments {

    private static final long SIZE = (2L << 30) + 7;
    private static final long SEED = 20261126L;

    @Test
    void twoGibibytesThroughAHalfGibibyteHeap() {
        User u = client.newUser("large");
        String md5 = GeneratedContent.md5(SEED, SIZE);
        var transfers = new LargeTransfers(client.base());
        assertEquals("008", transfers.upload(u, "big.bin", SEED, SIZE, md5));

        String url = LargeTransfers.urlOf(client, u, "big.bin");
        var whole = transfers.download(url, null);
        assertEquals(new LargeTransfers.Received(200, SIZE, md5), whole);
        long first = SIZE - (3L << 20) - 11;
        var range = transfers.download(url, "bytes=" + first + "-");
        assertEquals(new LargeTransfers.Received(206, SIZE - first, LargeTransfers.md5OfRange(SEED, first, SIZE - 1)),
                range);

        assertEquals("013", client.dealFile("del", u, md5, "big.bin"));
        assertEquals(404, client.get(url).status());
        Invariants.assertHold();
    }
}
