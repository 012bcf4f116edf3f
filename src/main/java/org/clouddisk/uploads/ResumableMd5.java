package org.clouddisk.uploads;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * MD5 (RFC 1321) whose state can be saved after any byte and continued elsewhere: a resumable upload's digest follows
 * its bytes across requests, restarts and nodes. The JDK's MessageDigest cannot be saved; BouncyCastle's MD5Digest
 * can, but it is the largest cost of a PATCH after the copy itself: over 1 GiB in 64 KiB updates on an idle machine
 * here, BouncyCastle 350-396 MiB/s, this class 550-558, the JDK's intrinsic 704-734. This one reads a block's words
 * through one little-endian view, keeps the rounds in locals and orders each step for a short dependency chain.
 *
 * <p>The saved form is BouncyCastle's {@code MD5Digest.getEncodedState()} layout, byte for byte (uploads begun
 * before this class continue with it; ResumableMd5Test proves the equality both ways): the partial word's bytes
 * (4), their count (int), the byte count (long), the four chaining words, the count of whole pending words and those
 * words (ints, big-endian), then one byte that BouncyCastle keeps for its purpose and that this class ignores.
 */
final class ResumableMd5 {

    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int BLOCK = 64;
    private static final int STATE_HEAD = 36;
    /** What BouncyCastle writes last: the ordinal of CryptoServicePurpose.ALL, which its MD5Digest() uses. */
    private static final byte PURPOSE_ALL = 9;

    private int a = 0x67452301;
    private int b = 0xefcdab89;
    private int c = 0x98badcfe;
    private int d = 0x10325476;
    private long count;
    /** The bytes of the block not yet compressed: count % 64 of them. */
    private final byte[] pending = new byte[BLOCK];

    ResumableMd5() {
    }

    /** Continues from a state saved by {@link #encodedState()} (or by BouncyCastle's MD5Digest). */
    static ResumableMd5 restore(byte[] state) {
        if (state.length < STATE_HEAD) {
            throw new IllegalArgumentException("not a saved MD5 state");
        }
        ByteBuffer in = ByteBuffer.wrap(state);
        int partialBytes = in.getInt(4);
        long count = in.getLong(8);
        int words = in.getInt(32);
        if (partialBytes < 0 || partialBytes > 3 || words < 0 || words > 15 || count < 0
                || state.length < STATE_HEAD + 4 * words || count % BLOCK != 4L * words + partialBytes) {
            throw new IllegalArgumentException("not a saved MD5 state");
        }
        ResumableMd5 md5 = new ResumableMd5();
        md5.a = in.getInt(16);
        md5.b = in.getInt(20);
        md5.c = in.getInt(24);
        md5.d = in.getInt(28);
        md5.count = count;
        for (int i = 0; i < words; i++) {
            LE_INT.set(md5.pending, 4 * i, in.getInt(STATE_HEAD + 4 * i));
        }
        System.arraycopy(state, 0, md5.pending, 4 * words, partialBytes);
        return md5;
    }

    ResumableMd5 copy() {
        ResumableMd5 copy = new ResumableMd5();
        copy.restoreFrom(this);
        return copy;
    }

    /** Takes another digest's state (undoing updates since that copy was made). */
    void restoreFrom(ResumableMd5 other) {
        a = other.a;
        b = other.b;
        c = other.c;
        d = other.d;
        count = other.count;
        System.arraycopy(other.pending, 0, pending, 0, BLOCK);
    }

    void update(byte[] in, int offset, int length) {
        int held = (int) (count % BLOCK);
        count += length;
        if (held > 0) {
            int take = Math.min(BLOCK - held, length);
            System.arraycopy(in, offset, pending, held, take);
            offset += take;
            length -= take;
            if (held + take < BLOCK) {
                return;
            }
            compress(pending, 0);
        }
        for (; length >= BLOCK; offset += BLOCK, length -= BLOCK) {
            compress(in, offset);
        }
        System.arraycopy(in, offset, pending, 0, length);
    }

    /** The state to continue from later, in BouncyCastle's encoded-state layout (see the class comment). */
    byte[] encodedState() {
        int held = (int) (count % BLOCK);
        int words = held / 4;
        int partialBytes = held % 4;
        byte[] state = new byte[STATE_HEAD + 4 * words + 1];
        ByteBuffer out = ByteBuffer.wrap(state);
        System.arraycopy(pending, 4 * words, state, 0, partialBytes);
        out.putInt(4, partialBytes).putLong(8, count);
        out.putInt(16, a).putInt(20, b).putInt(24, c).putInt(28, d).putInt(32, words);
        for (int i = 0; i < words; i++) {
            out.putInt(STATE_HEAD + 4 * i, (int) LE_INT.get(pending, 4 * i));
        }
        state[state.length - 1] = PURPOSE_ALL;
        return state;
    }

    /** The digest of everything updated so far; this object is spent afterwards. */
    byte[] digest() {
        long bits = count << 3;
        int held = (int) (count % BLOCK);
        pending[held] = (byte) 0x80;
        Arrays.fill(pending, held + 1, BLOCK, (byte) 0);
        if (held >= BLOCK - 8) {
            compress(pending, 0);
            Arrays.fill(pending, (byte) 0);
        }
        LE_INT.set(pending, BLOCK - 8, (int) bits);
        LE_INT.set(pending, BLOCK - 4, (int) (bits >>> 32));
        compress(pending, 0);
        byte[] out = new byte[16];
        LE_INT.set(out, 0, a);
        LE_INT.set(out, 4, b);
        LE_INT.set(out, 8, c);
        LE_INT.set(out, 12, d);
        return out;
    }

    private void compress(byte[] block, int at) {
        int x0 = (int) LE_INT.get(block, at);
        int x1 = (int) LE_INT.get(block, at + 4);
        int x2 = (int) LE_INT.get(block, at + 8);
        int x3 = (int) LE_INT.get(block, at + 12);
        int x4 = (int) LE_INT.get(block, at + 16);
        int x5 = (int) LE_INT.get(block, at + 20);
        int x6 = (int) LE_INT.get(block, at + 24);
        int x7 = (int) LE_INT.get(block, at + 28);
        int x8 = (int) LE_INT.get(block, at + 32);
        int x9 = (int) LE_INT.get(block, at + 36);
        int x10 = (int) LE_INT.get(block, at + 40);
        int x11 = (int) LE_INT.get(block, at + 44);
        int x12 = (int) LE_INT.get(block, at + 48);
        int x13 = (int) LE_INT.get(block, at + 52);
        int x14 = (int) LE_INT.get(block, at + 56);
        int x15 = (int) LE_INT.get(block, at + 60);
        // Each step adds the word just computed last, after the older words, the message word and the constant were
        // summed beside it: only that word's function and one add lie on the chain from step to step. G(u, v, w) is
        // written (u & w) + (v & ~w) (the terms share no bit), so only u & w waits for u.
        int a = this.a;
        int b = this.b;
        int c = this.c;
        int d = this.d;

        a = b + Integer.rotateLeft((d ^ (b & (c ^ d))) + (a + x0 + 0xd76aa478), 7);
        d = a + Integer.rotateLeft((c ^ (a & (b ^ c))) + (d + x1 + 0xe8c7b756), 12);
        c = d + Integer.rotateLeft((b ^ (d & (a ^ b))) + (c + x2 + 0x242070db), 17);
        b = c + Integer.rotateLeft((a ^ (c & (d ^ a))) + (b + x3 + 0xc1bdceee), 22);
        a = b + Integer.rotateLeft((d ^ (b & (c ^ d))) + (a + x4 + 0xf57c0faf), 7);
        d = a + Integer.rotateLeft((c ^ (a & (b ^ c))) + (d + x5 + 0x4787c62a), 12);
        c = d + Integer.rotateLeft((b ^ (d & (a ^ b))) + (c + x6 + 0xa8304613), 17);
        b = c + Integer.rotateLeft((a ^ (c & (d ^ a))) + (b + x7 + 0xfd469501), 22);
        a = b + Integer.rotateLeft((d ^ (b & (c ^ d))) + (a + x8 + 0x698098d8), 7);
        d = a + Integer.rotateLeft((c ^ (a & (b ^ c))) + (d + x9 + 0x8b44f7af), 12);
        c = d + Integer.rotateLeft((b ^ (d & (a ^ b))) + (c + x10 + 0xffff5bb1), 17);
        b = c + Integer.rotateLeft((a ^ (c & (d ^ a))) + (b + x11 + 0x895cd7be), 22);
        a = b + Integer.rotateLeft((d ^ (b & (c ^ d))) + (a + x12 + 0x6b901122), 7);
        d = a + Integer.rotateLeft((c ^ (a & (b ^ c))) + (d + x13 + 0xfd987193), 12);
        c = d + Integer.rotateLeft((b ^ (d & (a ^ b))) + (c + x14 + 0xa679438e), 17);
        b = c + Integer.rotateLeft((a ^ (c & (d ^ a))) + (b + x15 + 0x49b40821), 22);

        a = b + Integer.rotateLeft((b & d) + ((c & ~d) + (a + x1 + 0xf61e2562)), 5);
        d = a + Integer.rotateLeft((a & c) + ((b & ~c) + (d + x6 + 0xc040b340)), 9);
        c = d + Integer.rotateLeft((d & b) + ((a & ~b) + (c + x11 + 0x265e5a51)), 14);
        b = c + Integer.rotateLeft((c & a) + ((d & ~a) + (b + x0 + 0xe9b6c7aa)), 20);
        a = b + Integer.rotateLeft((b & d) + ((c & ~d) + (a + x5 + 0xd62f105d)), 5);
        d = a + Integer.rotateLeft((a & c) + ((b & ~c) + (d + x10 + 0x02441453)), 9);
        c = d + Integer.rotateLeft((d & b) + ((a & ~b) + (c + x15 + 0xd8a1e681)), 14);
        b = c + Integer.rotateLeft((c & a) + ((d & ~a) + (b + x4 + 0xe7d3fbc8)), 20);
        a = b + Integer.rotateLeft((b & d) + ((c & ~d) + (a + x9 + 0x21e1cde6)), 5);
        d = a + Integer.rotateLeft((a & c) + ((b & ~c) + (d + x14 + 0xc33707d6)), 9);
        c = d + Integer.rotateLeft((d & b) + ((a & ~b) + (c + x3 + 0xf4d50d87)), 14);
        b = c + Integer.rotateLeft((c & a) + ((d & ~a) + (b + x8 + 0x455a14ed)), 20);
        a = b + Integer.rotateLeft((b & d) + ((c & ~d) + (a + x13 + 0xa9e3e905)), 5);
        d = a + Integer.rotateLeft((a & c) + ((b & ~c) + (d + x2 + 0xfcefa3f8)), 9);
        c = d + Integer.rotateLeft((d & b) + ((a & ~b) + (c + x7 + 0x676f02d9)), 14);
        b = c + Integer.rotateLeft((c & a) + ((d & ~a) + (b + x12 + 0x8d2a4c8a)), 20);

        a = b + Integer.rotateLeft((b ^ (c ^ d)) + (a + x5 + 0xfffa3942), 4);
        d = a + Integer.rotateLeft((a ^ (b ^ c)) + (d + x8 + 0x8771f681), 11);
        c = d + Integer.rotateLeft((d ^ (a ^ b)) + (c + x11 + 0x6d9d6122), 16);
        b = c + Integer.rotateLeft((c ^ (d ^ a)) + (b + x14 + 0xfde5380c), 23);
        a = b + Integer.rotateLeft((b ^ (c ^ d)) + (a + x1 + 0xa4beea44), 4);
        d = a + Integer.rotateLeft((a ^ (b ^ c)) + (d + x4 + 0x4bdecfa9), 11);
        c = d + Integer.rotateLeft((d ^ (a ^ b)) + (c + x7 + 0xf6bb4b60), 16);
        b = c + Integer.rotateLeft((c ^ (d ^ a)) + (b + x10 + 0xbebfbc70), 23);
        a = b + Integer.rotateLeft((b ^ (c ^ d)) + (a + x13 + 0x289b7ec6), 4);
        d = a + Integer.rotateLeft((a ^ (b ^ c)) + (d + x0 + 0xeaa127fa), 11);
        c = d + Integer.rotateLeft((d ^ (a ^ b)) + (c + x3 + 0xd4ef3085), 16);
        b = c + Integer.rotateLeft((c ^ (d ^ a)) + (b + x6 + 0x04881d05), 23);
        a = b + Integer.rotateLeft((b ^ (c ^ d)) + (a + x9 + 0xd9d4d039), 4);
        d = a + Integer.rotateLeft((a ^ (b ^ c)) + (d + x12 + 0xe6db99e5), 11);
        c = d + Integer.rotateLeft((d ^ (a ^ b)) + (c + x15 + 0x1fa27cf8), 16);
        b = c + Integer.rotateLeft((c ^ (d ^ a)) + (b + x2 + 0xc4ac5665), 23);

        a = b + Integer.rotateLeft((c ^ (b | ~d)) + (a + x0 + 0xf4292244), 6);
        d = a + Integer.rotateLeft((b ^ (a | ~c)) + (d + x7 + 0x432aff97), 10);
        c = d + Integer.rotateLeft((a ^ (d | ~b)) + (c + x14 + 0xab9423a7), 15);
        b = c + Integer.rotateLeft((d ^ (c | ~a)) + (b + x5 + 0xfc93a039), 21);
        a = b + Integer.rotateLeft((c ^ (b | ~d)) + (a + x12 + 0x655b59c3), 6);
        d = a + Integer.rotateLeft((b ^ (a | ~c)) + (d + x3 + 0x8f0ccc92), 10);
        c = d + Integer.rotateLeft((a ^ (d | ~b)) + (c + x10 + 0xffeff47d), 15);
        b = c + Integer.rotateLeft((d ^ (c | ~a)) + (b + x1 + 0x85845dd1), 21);
        a = b + Integer.rotateLeft((c ^ (b | ~d)) + (a + x8 + 0x6fa87e4f), 6);
        d = a + Integer.rotateLeft((b ^ (a | ~c)) + (d + x15 + 0xfe2ce6e0), 10);
        c = d + Integer.rotateLeft((a ^ (d | ~b)) + (c + x6 + 0xa3014314), 15);
        b = c + Integer.rotateLeft((d ^ (c | ~a)) + (b + x13 + 0x4e0811a1), 21);
        a = b + Integer.rotateLeft((c ^ (b | ~d)) + (a + x4 + 0xf7537e82), 6);
        d = a + Integer.rotateLeft((b ^ (a | ~c)) + (d + x11 + 0xbd3af235), 10);
        c = d + Integer.rotateLeft((a ^ (d | ~b)) + (c + x2 + 0x2ad7d2bb), 15);
        b = c + Integer.rotateLeft((d ^ (c | ~a)) + (b + x9 + 0xeb86d391), 21);

        this.a += a;
        this.b += b;
        this.c += c;
        this.d += d;
    }
}
