package org.clouddisk.links;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The access tokens that unlocking a password link gives: {@code <expiry, epoch seconds>.<signature>}, where the
 * signature is HMAC-SHA256 over the link id and the expiry, keyed by a digest of the link's stored password hash.
 * Nothing is stored: every node of a cluster checks a token with the link's row alone; a token is bound to its link
 * (another link's id or key gives another signature), ends at its expiry, and stops working if the link's password
 * hash ever changes. Forging one needs the stored hash, which never leaves the database.
 */
final class AccessTokens {

    static final Duration LIFETIME = Duration.ofHours(1);
    /** Longer than any token issued here: refused before any work. */
    private static final int MAX_LENGTH = 64;
    private static final Pattern FORM = Pattern.compile("([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");

    private AccessTokens() {
    }

    static String issue(String linkId, String passwordHash, Instant now) {
        long expiry = now.plus(LIFETIME).getEpochSecond();
        return expiry + "." + sign(linkId, passwordHash, expiry);
    }

    /** Whether the token was issued for this link and password hash and has not expired at {@code now}. */
    static boolean isValid(String token, String linkId, String passwordHash, Instant now) {
        if (token == null || token.length() > MAX_LENGTH) {
            return false;
        }
        Matcher m = FORM.matcher(token);
        if (!m.matches()) {
            return false;
        }
        long expiry = Long.parseLong(m.group(1));
        if (expiry <= now.getEpochSecond()) {
            return false;
        }
        return MessageDigest.isEqual(m.group(2).getBytes(StandardCharsets.US_ASCII),
                sign(linkId, passwordHash, expiry).getBytes(StandardCharsets.US_ASCII));
    }

    static String sign(String linkId, String passwordHash, long expiry) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256")
                    .digest(("clouddisk share link access\0" + passwordHash).getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal((linkId + "\0" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
