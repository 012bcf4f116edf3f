package org.clouddisk.uploads;

import org.clouddisk.drive.Node;

/**
 * Instant upload with proof of possession (API.md, "Instant upload with proof of possession"): a file the server
 * already holds is added to the user's drive only once the user proved to have its bytes, not just its MD5.
 */
public interface InstantService {

    /** Files smaller than this are always uploaded: their bytes cost less than the round trips of a proof. */
    long MIN_SIZE = 1 << 20;

    /**
     * A new challenge for the file: {@code not_found} when the folder is not one of the user's live folders,
     * {@code unknown_content} when the file is under {@link #MIN_SIZE} or the server holds no content of that md5
     * and size, {@code quota_exceeded} when it would not fit.
     */
    Challenge challenge(String user, String folderId, String name, String md5, long size);

    /**
     * Answers the user's challenge once: the new file node when the proof matches the stored bytes;
     * {@code not_found} for an unknown, expired, already answered or another user's challenge, {@code proof_failed}
     * when the proof does not match (the challenge is spent either way), and as for {@link #challenge} when the
     * folder, the content or the room went meanwhile.
     */
    Node prove(String user, String challengeId, String proof);
}
