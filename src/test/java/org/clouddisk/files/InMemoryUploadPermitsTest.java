package org.clouddisk.files;

import org.clouddisk.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InMemoryUploadPermitsTest {

    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    private final ManualClock clock = new ManualClock();
    private final UploadPermits permits = new InMemoryUploadPermits(clock);
    private final UploadPermits.Subject subject = new UploadPermits.Subject("mike", MD5, "a.jpg");

    @Test
    void aPermitServesOneUploadOfExactlyItsSubject() {
        permits.grant(subject);
        assertTrue(permits.claim(new UploadPermits.Subject("yoyo", MD5, "a.jpg")).isEmpty(), "another user");
        assertTrue(permits.claim(new UploadPermits.Subject("mike", MD5, "b.jpg")).isEmpty(), "another name");
        assertTrue(permits.claim(new UploadPermits.Subject("mike", MD5.replace('0', 'f'), "a.jpg")).isEmpty());
        assertEquals(clock.instant().plus(UploadPermits.LIFETIME), permits.claim(subject).orElseThrow());
        assertTrue(permits.claim(subject).isEmpty(), "single use");
    }

    @Test
    void expiresAfterItsLifetime() {
        permits.grant(subject);
        clock.advance(UploadPermits.LIFETIME);
        assertTrue(permits.claim(subject).isEmpty());
    }

    @Test
    void aFailedUploadGivesItsPermitBackUntilTheOriginalExpiry() {
        permits.grant(subject);
        clock.advance(Duration.ofMinutes(10));
        Instant expires = permits.claim(subject).orElseThrow();
        permits.restore(subject, expires);
        assertEquals(expires, permits.claim(subject).orElseThrow(), "not renewed by the failure");
        clock.advance(Duration.ofMinutes(5));
        permits.restore(subject, expires);
        assertTrue(permits.claim(subject).isEmpty(), "an expired permit is not given back");
    }

    @Test
    void aNewGrantWinsOverAnOldPermitGivenBack() {
        permits.grant(subject);
        Instant old = permits.claim(subject).orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        permits.grant(subject);
        permits.restore(subject, old);
        assertNotEquals(old, permits.claim(subject).orElseThrow());
    }

    @Test
    void theSubjectsDigestNamesNothingAndSeparatesItsParts() {
        String digest = subject.digest();
        assertEquals(64, digest.length());
        assertTrue(!digest.contains("mike") && !digest.contains(MD5));
        assertNotEquals(new UploadPermits.Subject("ab", MD5, "c").digest(), new UploadPermits.Subject("a", MD5, "bc").digest());
    }
}
