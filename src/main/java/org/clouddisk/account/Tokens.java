package org.clouddisk.account;

import org.clouddisk.platform.Hashes;

import java.security.SecureRandom;
import java.util.Base64;

/** Making tokens and the digests the token stores keep instead of them. */
final class Tokens {

    /** 256 random bits, base64url without padding: 43 characters. */
    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String digest(String token) {
        return Hashes.sha256Hex(token);
    }
}
