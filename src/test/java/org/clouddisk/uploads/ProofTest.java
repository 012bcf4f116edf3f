package org.clouddisk.uploads;

import org.clouddisk.storage.ContentMissingException;
import org.clouddisk.storage.ContentStore;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProofTest {

    private final SecureRandom random = new SecureRandom();
    private final byte[] content = new byte[1 << 20];

    ProofTest() {
        random.nextBytes(content);
    }

    /** A store of one file that delivers ranges in small pieces, as a stream does. */
    private ContentStore storeOf(byte[] bytes) {
        return new ContentStore() {
            @Override
            public void read(String fileId, long offset, long length, OutputStream out) throws IOException {
                if (!fileId.equals("group1/M00/00/00/a")) {
                    throw new ContentMissingException(fileId);
                }
                for (long at = offset; at < Math.min(offset + length, bytes.length); at += 1000) {
                    out.write(bytes, (int) at, (int) Math.min(1000, Math.min(offset + length, bytes.length) - at));
                }
            }

            @Override
            public String store(InputStream content, long size, String extension) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean exists(String fileId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<Stream<String>> list() {
                throw new UnsupportedOperationException();
            }

            @Override
            public void probe() {
            }

            @Override
            public boolean delete(String fileId) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** The client's side, written from API.md's words. */
    private static String clientProof(Challenge c, byte[] file) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(c.nonce()), "HmacSHA256"));
        for (Challenge.Range r : c.ranges()) {
            mac.update(file, (int) r.offset(), (int) r.length());
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private Challenge challenge(long size) {
        return Challenge.issue(random, "mike", "d1", "a.bin", "0123456789abcdef0123456789abcdef", size, Instant.now());
    }

    @Test
    void theBytesOfTheRangesProvePossession() throws Exception {
        Challenge c = challenge(content.length);
        String proof = clientProof(c, content);
        assertTrue(Proof.isWellFormed(proof));
        assertTrue(Proof.matches(proof, c, storeOf(content), "group1/M00/00/00/a"));
        assertTrue(Proof.matches(proof.toUpperCase(), c, storeOf(content), "group1/M00/00/00/a"));
    }

    @Test
    void otherBytesOrAnotherNonceFail() throws Exception {
        Challenge c = challenge(content.length);
        byte[] other = content.clone();
        Challenge.Range last = c.ranges().get(c.ranges().size() - 1);
        other[(int) (last.offset() + last.length() - 1)] ^= (byte) 0x80;
        assertFalse(Proof.matches(clientProof(c, other), c, storeOf(content), "group1/M00/00/00/a"));
        Challenge another = challenge(content.length);
        assertFalse(Proof.matches(clientProof(another, content), c, storeOf(content), "group1/M00/00/00/a"));
    }

    @Test
    void aStoreThatDeliversTooFewBytesIsNoProof() throws Exception {
        Challenge c = challenge(content.length);
        byte[] shorter = java.util.Arrays.copyOf(content, (int) c.ranges().get(0).offset());
        assertThrows(IOException.class,
                () -> Proof.matches(clientProof(c, content), c, storeOf(shorter), "group1/M00/00/00/a"));
        assertThrows(ContentMissingException.class,
                () -> Proof.matches(clientProof(c, content), c, storeOf(content), "group1/M00/00/00/b"));
    }

    @Test
    void onlyHexDigitsOfAnHmacAreAProof() {
        assertFalse(Proof.isWellFormed(null));
        assertFalse(Proof.isWellFormed(""));
        assertFalse(Proof.isWellFormed("0".repeat(63)));
        assertFalse(Proof.isWellFormed("0".repeat(65)));
        assertFalse(Proof.isWellFormed("g".repeat(64)));
        assertTrue(Proof.isWellFormed("0123456789abcdefABCDEF".repeat(3).substring(0, 64)));
    }
}
