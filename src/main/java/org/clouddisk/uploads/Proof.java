package org.clouddisk.uploads;

import org.clouddisk.storage.ContentStore;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The proof of possession of API.md: HMAC-SHA256 keyed with the nonce's bytes over the bytes of the challenge's
 * ranges in order, the server's side read from the content store range by range (never the whole file).
 */
final class Proof {

    private static final String HMAC = "HmacSHA256";
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private Proof() {
    }

    /** Whether the text is a proof at all: the 64 hex digits of an HMAC-SHA256. */
    static boolean isWellFormed(String proof) {
        return proof != null && HEX.matcher(proof).matches();
    }

    /** Whether the client's proof (well-formed) matches the content stored as {@code fileId}; constant time. */
    static boolean matches(String proof, Challenge challenge, ContentStore store, String fileId) throws IOException {
        return MessageDigest.isEqual(HexFormat.of().parseHex(proof), expected(challenge, store, fileId));
    }

    static byte[] expected(Challenge challenge, ContentStore store, String fileId) throws IOException {
        Mac mac = mac(challenge.nonceBytes());
        MacStream into = new MacStream(mac);
        for (Challenge.Range range : challenge.ranges()) {
            long before = into.count;
            store.read(fileId, range.offset(), range.length(), into);
            if (into.count - before != range.length()) {
                throw new IOException("the store gave " + (into.count - before) + " bytes of " + fileId + " for "
                        + range + ", not " + range.length());
            }
        }
        return mac.doFinal();
    }

    static Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always has " + HMAC, e);
        }
    }

    private static final class MacStream extends OutputStream {
        private final Mac mac;
        long count;

        MacStream(Mac mac) {
            this.mac = mac;
        }

        @Override
        public void write(int b) {
            mac.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            mac.update(b, off, len);
            count += len;
        }
    }
}
