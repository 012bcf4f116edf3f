package org.clouddisk.it;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Reproducible pseudo-random content of any size, generated as it is read: large files never sit in memory. */
public final class GeneratedContent extends InputStream {

    private final SplittableRandom random;
    private long left;
    private long word;
    private int wordLeft;

    public GeneratedContent(long seed, long size) {
        this.random = new SplittableRandom(seed);
        this.left = size;
    }

    /** The MD5 hex of the content of that seed and size (reads it once). */
    public static String md5(long seed, long size) {
        try (var in = new DigestInputStream(new GeneratedContent(seed, size), MessageDigest.getInstance("MD5"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // digesting
            }
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (java.io.IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /**
     * The bytes are the little-endian bytes of successive random longs, whatever the sizes of the reads, so the
     * same seed always gives the same content.
     */
    @Override
    public int read(byte[] b, int off, int len) {
        if (left == 0) {
            return -1;
        }
        int n = (int) Math.min(len, left);
        for (int i = 0; i < n; i++) {
            if (wordLeft == 0) {
                word = random.nextLong();
                wordLeft = 8;
            }
            b[off + i] = (byte) word;
            word >>>= 8;
            wordLeft--;
        }
        left -= n;
        return n;
    }
}
