package org.clouddisk.files;

import org.clouddisk.platform.Hashes;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Single-use permissions for the classic desktop client's token-less uploads. That client always asks /md5 with
 * its token first and uploads only when told the content is unknown; that answer grants a permit for exactly that
 * user, md5 and file name, valid for {@link #LIFETIME}. An upload without a token claims the permit before any byte
 * is stored and gives it back when it fails, so only a successful upload uses it up. Kept where every node sees it.
 */
public interface UploadPermits {

    Duration LIFETIME = Duration.ofMinutes(15);

    /** What a permit allows: this user uploading content of this md5 (lowercase) under this name. */
    record Subject(String user, String md5, String fileName) {
        /** A fixed-length key that names no user or file in the store. */
        public String digest() {
            return Hashes.sha256Hex(user + '\0' + md5 + '\0' + fileName);
        }
    }

    void grant(Subject subject);

    /** Takes the subject's permit for an upload that starts now: its expiry, or empty when there is none. */
    Optional<Instant> claim(Subject subject);

    /** Gives a claimed permit back after its upload failed, until the expiry it had. */
    void restore(Subject subject, Instant expires);
}
