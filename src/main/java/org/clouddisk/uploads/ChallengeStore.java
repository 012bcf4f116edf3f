package org.clouddisk.uploads;

import java.util.Optional;

/**
 * Where open challenges live until answered or expired: Redis when CLOUDDISK_REDIS_URL is set (any node checks a
 * challenge another node issued), in process otherwise ({@link ChallengeStoreProducer}).
 */
public interface ChallengeStore {

    /** Keeps the challenge until {@link Challenge#expires()}. */
    void put(Challenge challenge);

    /**
     * Removes and answers the user's challenge of that id, atomically: of requests racing for one challenge, one
     * gets it and the others get empty, as do requests for an unknown, expired or another user's challenge.
     */
    Optional<Challenge> take(String user, String id);
}
