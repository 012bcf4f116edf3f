package org.clouddisk.uploads;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.drive.DriveService;
import org.clouddisk.drive.Node;
import org.clouddisk.files.FileInfo;
import org.clouddisk.files.FileService;
import org.clouddisk.files.LivePlaces;
import org.clouddisk.files.Quotas;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.platform.Settings;
import org.clouddisk.storage.ContentMissingException;
import org.clouddisk.storage.ContentStore;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Holds no transaction of its own: the drive's calls are each one transaction, retried when they lose a race, and
 * reading the ranges from the store holds no database lock.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DefaultInstantService implements InstantService {

    private static final Logger LOG = Logger.getLogger(DefaultInstantService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    DriveService drive;

    @EJB
    FileService files;

    @Inject
    LivePlaces live;

    @Inject
    Quotas quotas;

    @Inject
    ChallengeStore challenges;

    @Inject
    ContentStore store;

    @Inject
    Settings settings;

    @Override
    public Challenge challenge(String user, String folderId, String name, String md5, long size) {
        // retried: the first read of a new user's root creates it, and parallel first reads race for that
        Node folder = Conflicts.retry(() -> drive.node(user, folderId));
        if (!"folder".equals(folder.kind())) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "no such folder");
        }
        if (size < MIN_SIZE) {
            throw new ProblemException(ProblemCode.UNKNOWN_CONTENT, "files under " + MIN_SIZE + " bytes are uploaded");
        }
        held(md5, size);
        if (!quotas.hasRoomFor(user, size)) {
            throw new ProblemException(ProblemCode.QUOTA_EXCEEDED, size + " bytes more do not fit in the quota");
        }
        Challenge challenge = Challenge.issue(RANDOM, user, folder.id(), name, md5, size,
                Instant.now().plus(settings.instantChallengeTtl()));
        challenges.put(challenge);
        LOG.fine(() -> "user " + user + " challenged for " + md5 + " as " + challenge.id());
        return challenge;
    }

    @Override
    public Node prove(String user, String challengeId, String proof) {
        Challenge challenge = challenges.take(user, challengeId).orElseThrow(() -> new ProblemException(
                ProblemCode.NOT_FOUND, "no such challenge: unknown, expired or already answered"));
        FileInfo content = held(challenge.md5(), challenge.size());
        boolean proven;
        try {
            proven = Proof.matches(proof, challenge, store, content.getFileId());
        } catch (ContentMissingException e) {
            throw new ProblemException(ProblemCode.UNKNOWN_CONTENT, "no such content any more");
        } catch (IOException e) {
            throw new ProblemException(ProblemCode.UNAVAILABLE, "the content store cannot be read now");
        }
        if (!proven) {
            LOG.info(() -> "user " + user + " failed the proof of " + challenge.md5() + " (challenge " + challengeId + ")");
            throw new ProblemException(ProblemCode.PROOF_FAILED, "the proof does not match the content");
        }
        Node file = Conflicts.retry(() -> drive.addFile(user, challenge.folder(), challenge.name(), challenge.md5(),
                challenge.size()));
        LOG.info(() -> "user " + user + " proved possession of " + challenge.md5() + ": file " + file.id());
        return file;
    }

    private FileInfo held(String md5, long size) {
        return live.heldContent(md5).filter(content -> content.getSize() == size).orElseThrow(
                () -> new ProblemException(ProblemCode.UNKNOWN_CONTENT, "no content of that md5 and size: upload it"));
    }
}
