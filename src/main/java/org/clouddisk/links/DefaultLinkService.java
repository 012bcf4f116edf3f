package org.clouddisk.links;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.clouddisk.account.PasswordHasher;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.drive.ChildOrder;
import org.clouddisk.drive.DriveService;
import org.clouddisk.drive.Node;
import org.clouddisk.platform.Settings;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import static org.clouddisk.api.Times.utc;

/**
 * Links are rows of share_link checked against the owner's live tree at every request (through {@link DriveService},
 * in the same transaction), so trashing, restoring, moving or purging the node needs nothing of the links.
 */
@Stateless
public class DefaultLinkService implements LinkService {

    private static final Logger LOG = Logger.getLogger(DefaultLinkService.class.getName());
    private static final int ID_BYTES = 16; // 128 random bits
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");
    /** DATETIME ends with the year 9999; links live less than that. */
    private static final Instant LATEST_EXPIRY = Instant.parse("9000-01-01T00:00:00Z");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PasswordHasher HASHER = new PasswordHasher();

    @PersistenceContext
    EntityManager em;

    @EJB
    DriveService drive;

    @Inject
    Settings settings;

    @Inject
    LinkThrottle throttle;

    @Override
    public Link create(String user, String nodeId, Optional<String> password, Optional<Instant> expires,
                       Optional<Integer> maxDownloads) {
        Instant now = Instant.now();
        if (password.isEmpty() && settings.linkRequirePassword()) {
            throw new ProblemException(ProblemCode.INVALID, "links need a password here");
        }
        Optional<Integer> maxDays = settings.linkMaxDays();
        if (maxDays.isPresent()) {
            Instant latest = now.plus(Duration.ofDays(maxDays.get()));
            if (expires.isEmpty() || expires.get().isAfter(latest)) {
                throw new ProblemException(ProblemCode.INVALID,
                        "links need an expiry at most " + maxDays.get() + " days ahead here");
            }
        }
        if (expires.isPresent() && (!expires.get().isAfter(now) || expires.get().isAfter(LATEST_EXPIRY))) {
            throw new ProblemException(ProblemCode.INVALID, "expires must be in the future (before the year 9000)");
        }
        Node node = drive.find(user, nodeId).orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no such node"));
        byte[] random = new byte[ID_BYTES];
        RANDOM.nextBytes(random);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        var link = new ShareLink(id, user, node.id(), password.map(HASHER::hash).orElse(null),
                expires.map(e -> local(e.truncatedTo(ChronoUnit.SECONDS))).orElse(null), maxDownloads.orElse(null),
                local(now.truncatedTo(ChronoUnit.SECONDS)));
        em.persist(link);
        LOG.info(() -> "user " + user + " created link " + id + " to " + node.id());
        return view(link, Optional.of(node), LocalDateTime.now());
    }

    @Override
    public Page<Link> list(String user, Paging paging) {
        LocalDateTime now = LocalDateTime.now();
        List<Link> items = em.createNamedQuery("ShareLink.ofUser", ShareLink.class).setParameter("user", user)
                .setFirstResult(paging.offset()).setMaxResults(paging.limit()).getResultList().stream()
                .map(link -> view(link, drive.find(user, link.getNodeId()), now)).toList();
        long total = em.createNamedQuery("ShareLink.countOfUser", Long.class).setParameter("user", user)
                .getSingleResult();
        return new Page<>(items, total);
    }

    @Override
    public void revoke(String user, String id) {
        if (!ID.matcher(id).matches() || em.createNamedQuery("ShareLink.revoke").setParameter("id", id)
                .setParameter("user", user).executeUpdate() == 0) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "no such link");
        }
        LOG.info(() -> "user " + user + " revoked link " + id);
    }

    @Override
    public PublicLink describe(String id, String access) {
        ShareLink link = usable(id);
        Node node = node(link, access);
        return new PublicLink(node.name(), node.kind(), node.size(), expiry(link), link.hasPassword(), node.id(),
                node.type(), node.modified());
    }

    @Override
    public Access unlock(String id, String password, String address) {
        ShareLink link = usable(id);
        if (!link.hasPassword()) {
            throw new ProblemException(ProblemCode.INVALID, "this link has no password");
        }
        // counted before the slow check, so that parallel wrong passwords cannot all get past the limit
        if (!throttle.reserve(id, address)) {
            throw new ProblemException(ProblemCode.TOO_MANY_REQUESTS, "too many wrong passwords: try again later");
        }
        if (!HASHER.verify(password, link.getPasswordHash())) {
            throw new ProblemException(ProblemCode.PASSWORD_REQUIRED, "wrong password");
        }
        // only wrong passwords are limited (API.md): people opening a link again and again with its password are not
        throttle.release(id, address);
        return new Access(AccessTokens.issue(id, link.getPasswordHash(), Instant.now()),
                AccessTokens.LIFETIME.toSeconds());
    }

    @Override
    public Page<SharedNode> children(String id, String access, String folder, Paging paging) {
        ShareLink link = usable(id);
        Node top = node(link, access);
        Node listed = drive.findWithin(link.getUser(), top.id(), folder == null || folder.isEmpty() ? top.id() : folder)
                .filter(n -> "folder".equals(n.kind()))
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "no such folder in this link"));
        Page<Node> page = drive.children(link.getUser(), listed.id(), ChildOrder.NAME, false, paging);
        return new Page<>(page.items().stream().map(SharedNode::of).toList(), page.total());
    }

    @Override
    public DriveService.FileContent file(String id, String access, String node) {
        ShareLink link = usable(id);
        return content(link, node(link, access), node);
    }

    @Override
    public void countDownload(String id, String access, String node) {
        ShareLink link = usable(id);
        DriveService.FileContent file = content(link, node(link, access), node);
        int counted = em.createNamedQuery("ShareLink.countDownload").setParameter("id", id)
                .setParameter("now", LocalDateTime.now()).executeUpdate();
        if (counted == 0) {
            throw new ProblemException(ProblemCode.GONE, "this link is used up", LinkState.USED_UP.wire());
        }
        drive.countDownload(link.getUser(), node == null ? link.getNodeId() : node);
        LOG.fine(() -> "link " + id + ": download of " + file.name() + " counted");
    }

    /** The link when it exists ({@code 404}) and its row lets it be used now ({@code 410}). */
    private ShareLink usable(String id) {
        ShareLink link = id != null && ID.matcher(id).matches() ? em.find(ShareLink.class, id) : null;
        if (link == null) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "no such link");
        }
        LinkState state = link.state(LocalDateTime.now());
        if (state != LinkState.ACTIVE) {
            throw new ProblemException(ProblemCode.GONE, "this link is " + state.wire().replace('_', ' '),
                    state.wire());
        }
        return link;
    }

    /** The link's live node, once a password link's access token was checked. */
    private Node node(ShareLink link, String access) {
        if (link.hasPassword() && !AccessTokens.isValid(access, link.getId(), link.getPasswordHash(), Instant.now())) {
            throw new ProblemException(ProblemCode.PASSWORD_REQUIRED, "this link needs its password");
        }
        return drive.find(link.getUser(), link.getNodeId())
                .orElseThrow(() -> new ProblemException(ProblemCode.GONE, "the shared node was deleted",
                        LinkState.NODE_DELETED.wire()));
    }

    /** The link's file, or a live file in its folder. */
    private DriveService.FileContent content(ShareLink link, Node top, String node) {
        Optional<Node> file = node == null ? Optional.of(top) : drive.findWithin(link.getUser(), top.id(), node);
        if (file.isEmpty() || !"file".equals(file.get().kind())) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "no such file in this link");
        }
        return drive.content(link.getUser(), file.get().id());
    }

    private Link view(ShareLink link, Optional<Node> node, LocalDateTime now) {
        LinkState state = link.state(now);
        if (state == LinkState.ACTIVE && node.isEmpty()) {
            state = LinkState.NODE_DELETED;
        }
        return new Link(link.getId(), settings.publicUrl() + "/s/" + link.getId(), link.getNodeId(), expiry(link),
                link.getMaxDownloads(), link.getDownloads(), link.hasPassword(), utc(link.getCreateTime()),
                state.wire(), node.map(Node::name).orElse(null), node.map(Node::kind).orElse(null));
    }

    private static String expiry(ShareLink link) {
        return link.getExpiresAt() == null ? null : utc(link.getExpiresAt());
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneId.systemDefault());
    }
}
