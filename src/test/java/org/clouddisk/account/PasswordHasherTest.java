package org.clouddisk.account;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {

    private static final String SECRET = "e10adc3949ba59abbe56e057f20f883e";

    @Test
    void verifiesTheRightSecretAndRejectsOthers() {
        var hasher = new PasswordHasher(1_000);
        String stored = hasher.hash(SECRET);
        assertTrue(hasher.verify(SECRET, stored));
        assertFalse(hasher.verify(SECRET.toUpperCase(), stored));
        assertFalse(hasher.verify("", stored));
    }

    @Test
    void saltsEveryHashAndNeverStoresTheSecret() {
        var hasher = new PasswordHasher(1_000);
        String a = hasher.hash(SECRET);
        String b = hasher.hash(SECRET);
        assertNotEquals(a, b);
        assertFalse(a.contains(SECRET));
        assertTrue(a.matches("pbkdf2-sha256\\$1000\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}"), a);
    }

    @Test
    void defaultsToAtLeast600000Iterations() {
        assertTrue(new PasswordHasher().hash(SECRET).startsWith("pbkdf2-sha256$600000$"));
    }

    @Test
    void weakerParametersAreVerifiedAndFlaggedForUpgrade() {
        String old = new PasswordHasher(1_000).hash(SECRET);
        var today = new PasswordHasher(2_000);
        assertTrue(today.verify(SECRET, old), "old hashes keep working");
        assertTrue(today.needsUpgrade(old));
        assertFalse(today.needsUpgrade(today.hash(SECRET)));
    }

    @Test
    void rejectsMalformedOrForeignHashes() {
        var hasher = new PasswordHasher(1_000);
        assertFalse(hasher.verify(SECRET, SECRET), "a plain MD5 as stored by the original is not accepted");
        assertFalse(hasher.verify(SECRET, "pbkdf2-sha256$x$y$z"));
        assertFalse(hasher.verify(SECRET, "bcrypt$10$abc$def"));
        assertFalse(hasher.verify(SECRET, null));
    }
}
