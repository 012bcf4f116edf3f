package org.clouddisk.uploads;

import org.bouncycastle.crypto.digests.MD5Digest;
import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResumableMd5Test {

    private final Random random = new Random(20261130);

    @Test
    void knownAnswersOfRfc1321() {
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", md5Of(""));
        assertEquals("0cc175b9c0f1b6a831c399e269772661", md5Of("a"));
        assertEquals("900150983cd24fb0d6963f7d28e17f72", md5Of("abc"));
        assertEquals("f96b697d7cb7938d525a2f31aaf161d0", md5Of("message digest"));
        assertEquals("57edf4a22be3c955ac49da2e2107b67a",
                md5Of("12345678901234567890123456789012345678901234567890123456789012345678901234567890"));
    }

    @Test
    void equalsTheJdkDigestForEveryLengthAroundTheBlockAndPaddingEdges() throws Exception {
        for (int length = 0; length <= 300; length++) {
            byte[] data = bytes(length);
            ResumableMd5 md5 = new ResumableMd5();
            md5.update(data, 0, length);
            assertArrayEquals(MessageDigest.getInstance("MD5").digest(data), md5.digest(), "length " + length);
        }
    }

    @Test
    void equalsTheJdkDigestWhateverPiecesTheBytesComeIn() throws Exception {
        for (int round = 0; round < 200; round++) {
            byte[] data = bytes(random.nextInt(20_000));
            ResumableMd5 md5 = new ResumableMd5();
            for (int at = 0; at < data.length; ) {
                int n = Math.min(data.length - at, random.nextInt(random.nextBoolean() ? 8 : 3000));
                byte[] piece = new byte[n + 7];
                System.arraycopy(data, at, piece, 3, n); // an offset into a larger array
                md5.update(piece, 3, n);
                at += n;
            }
            assertArrayEquals(MessageDigest.getInstance("MD5").digest(data), md5.digest());
        }
    }

    @Test
    void savedStatesAreBouncyCastlesByteForByteAndContinueEitherWay() throws Exception {
        for (int round = 0; round < 300; round++) {
            byte[] data = bytes(random.nextInt(600));
            int cut = random.nextInt(data.length + 1);
            ResumableMd5 ours = new ResumableMd5();
            ours.update(data, 0, cut);
            MD5Digest theirs = new MD5Digest();
            theirs.update(data, 0, cut);
            assertArrayEquals(theirs.getEncodedState(), ours.encodedState(), "state after " + cut + " bytes");

            byte[] expected = MessageDigest.getInstance("MD5").digest(data);
            ResumableMd5 fromTheirs = ResumableMd5.restore(theirs.getEncodedState());
            fromTheirs.update(data, cut, data.length - cut);
            assertArrayEquals(expected, fromTheirs.digest(), "ours continuing BouncyCastle's state at " + cut);

            MD5Digest fromOurs = new MD5Digest(ours.encodedState());
            fromOurs.update(data, cut, data.length - cut);
            byte[] out = new byte[16];
            fromOurs.doFinal(out, 0);
            assertArrayEquals(expected, out, "BouncyCastle continuing our state at " + cut);
        }
    }

    @Test
    void aStateSavedAndRestoredManyTimesGivesTheWholeDigest() throws Exception {
        byte[] data = bytes(1 << 20);
        ResumableMd5 md5 = new ResumableMd5();
        for (int at = 0; at < data.length; ) {
            int n = Math.min(data.length - at, 1 + random.nextInt(70_000));
            md5.update(data, at, n);
            at += n;
            md5 = ResumableMd5.restore(md5.encodedState());
        }
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(data), md5.digest());
    }

    @Test
    void aCopyAndRestoreFromUndoLaterUpdates() throws Exception {
        byte[] data = bytes(1000);
        ResumableMd5 md5 = new ResumableMd5();
        md5.update(data, 0, 333);
        ResumableMd5 before = md5.copy();
        md5.update(bytes(517), 0, 517);
        md5.restoreFrom(before);
        md5.update(data, 333, 667);
        assertArrayEquals(MessageDigest.getInstance("MD5").digest(data), md5.digest());
    }

    @Test
    void refusesWhatIsNotASavedState() {
        byte[] valid = new ResumableMd5().encodedState();
        assertThrows(IllegalArgumentException.class, () -> ResumableMd5.restore(new byte[10]));
        byte[] wrongCount = valid.clone();
        wrongCount[15] = 5; // five bytes counted, none pending
        assertThrows(IllegalArgumentException.class, () -> ResumableMd5.restore(wrongCount));
        byte[] tooManyWords = Arrays.copyOf(valid, valid.length);
        tooManyWords[35] = 16;
        assertThrows(IllegalArgumentException.class, () -> ResumableMd5.restore(tooManyWords));
    }

    private byte[] bytes(int n) {
        byte[] data = new byte[n];
        random.nextBytes(data);
        return data;
    }

    private static String md5Of(String text) {
        ResumableMd5 md5 = new ResumableMd5();
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        md5.update(bytes, 0, bytes.length);
        return HexFormat.of().formatHex(md5.digest());
    }
}
