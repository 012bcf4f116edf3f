package org.clouddisk.links;

import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.drive.DriveService;

import java.time.Instant;
import java.util.Optional;

/**
 * Share links. Each method is one container-managed transaction. The public methods check, in this order: an unknown
 * link ({@code 404 not_found}), a revoked, expired or used-up one ({@code 410 gone}), a password link without a valid
 * access token ({@code 401 password_required}), a link whose node is in the trash or purged ({@code 410 gone}).
 */
public interface LinkService {

    /**
     * A new link to the user's live node {@code nodeId} ({@code 404 not_found} for another user's node or one in the
     * trash); {@code 400 invalid} when the deployment's rules (CLOUDDISK_LINK_REQUIRE_PASSWORD,
     * CLOUDDISK_LINK_MAX_DAYS) refuse it.
     */
    Link create(String user, String nodeId, Optional<String> password, Optional<Instant> expires,
                Optional<Integer> maxDownloads);

    /** The user's links, newest first, each with its state. */
    Page<Link> list(String user, Paging paging);

    /** Revokes the user's link for good ({@code 404 not_found} when the user has no such link). */
    void revoke(String user, String id);

    PublicLink describe(String id, String access);

    /**
     * An access token for a password link: {@code 401 password_required} for a wrong password, {@code 429
     * too_many_requests} once this address sent too many wrong ones for this link, {@code 400 invalid} for a link
     * without password.
     */
    Access unlock(String id, String password, String address);

    /** A page of a folder in the shared folder ({@code null}: the shared folder itself), folders first, by name. */
    Page<SharedNode> children(String id, String access, String folder, Paging paging);

    /** The file to send: the link's file ({@code node} null) or a file in the shared folder; counts nothing. */
    DriveService.FileContent file(String id, String access, String node);

    /**
     * Counts one download of that file, checking everything again in the same transaction as the count; {@code 410
     * gone} when the link got used up (or expired, or revoked) meanwhile.
     */
    void countDownload(String id, String access, String node);
}
