package org.clouddisk.platform;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CloudDisk's configuration. Each value comes from an environment variable ({@code CLOUDDISK_TOKEN_TTL}) and may be
 * overridden by the matching system property ({@code clouddisk.token.ttl}); otherwise the embedded default applies.
 * README.md lists every variable.
 */
@ApplicationScoped
public class Settings {

    /** Where embedded defaults keep their data: the local content store and the H2 database. */
    public Path dataDir() {
        return Path.of(value("CLOUDDISK_DATA_DIR").orElseGet(
                () -> System.getProperty("jboss.server.data.dir", "data") + "/clouddisk"));
    }

    /** {@code redis://host:port[/db]}; absent means the in-process token store and ranking. */
    public Optional<String> redisUrl() {
        return value("CLOUDDISK_REDIS_URL");
    }

    /** {@code local} or {@code fastdfs}. */
    public String storage() {
        return value("CLOUDDISK_STORAGE").orElse("local");
    }

    /** FastDFS trackers as {@code host:port[,host:port...]}. */
    public String fastdfsTrackers() {
        return value("CLOUDDISK_FASTDFS_TRACKERS").orElse("127.0.0.1:22122");
    }

    /** The base of download URLs as clients reach them (nginx's address in production), without a trailing slash. */
    public String publicUrl() {
        String url = value("CLOUDDISK_PUBLIC_URL").orElse("http://localhost:8080");
        URI.create(url); // fail at start on a malformed value rather than in every list
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * The internal nginx location that downloads are handed to with X-Accel-Redirect once the application has
     * found the file (nginx/accel-*.conf), e.g. {@code /internal-content}, without a trailing slash; absent means
     * the application streams the bytes itself.
     */
    public Optional<String> accelRedirect() {
        return value("CLOUDDISK_ACCEL_REDIRECT").map(prefix -> {
            if (!prefix.startsWith("/")) {
                throw new IllegalStateException("CLOUDDISK_ACCEL_REDIRECT must be a path starting with /, not " + prefix);
            }
            return prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        });
    }

    /** Idle lifetime of a login: seconds, or an ISO-8601 duration such as PT30M. */
    public Duration tokenTtl() {
        return value("CLOUDDISK_TOKEN_TTL").map(Settings::duration).orElse(Duration.ofDays(1));
    }

    /** The largest file /upload accepts, in bytes. */
    public long maxUploadBytes() {
        return value("CLOUDDISK_MAX_UPLOAD_BYTES").map(Long::parseLong).orElse(4L << 30);
    }

    /**
     * How long an unfinished resumable upload lives after its creation or its last PATCH before it expires and its
     * bytes are deleted: seconds or ISO-8601 (default 24 hours).
     */
    public Duration uploadExpiry() {
        return value("CLOUDDISK_UPLOAD_EXPIRY").map(Settings::duration).orElse(Duration.ofHours(24));
    }

    /** The dialect of the seed's protocol answered when no trusted proxy names one: seed (the default) or classic. */
    public Dialect legacyDialect() {
        return value("CLOUDDISK_LEGACY_DIALECT").map(name -> Dialect.named(name).orElseThrow(
                () -> new IllegalArgumentException("CLOUDDISK_LEGACY_DIALECT must be seed or classic: " + name)))
                .orElse(Dialect.SEED);
    }

    /** Addresses and CIDR ranges of the proxies whose forwarding headers are believed (nginx on this host by default). */
    public String trustedProxies() {
        return value("CLOUDDISK_TRUSTED_PROXIES").orElse("127.0.0.1,::1");
    }

    /** How often pending content deletions are retried: seconds or ISO-8601. */
    public Duration maintenanceInterval() {
        return value("CLOUDDISK_MAINTENANCE_INTERVAL").map(Settings::duration).orElse(Duration.ofMinutes(1));
    }

    /** How long trashed nodes are kept before the maintenance timer purges them, in whole days. */
    public Duration trashRetention() {
        return Duration.ofDays(value("CLOUDDISK_TRASH_DAYS").map(Long::parseLong).orElse(30L));
    }

    /** Every user's quota in bytes unless an administrator set one for the user; empty: unlimited. */
    public Optional<Long> defaultQuota() {
        return value("CLOUDDISK_DEFAULT_QUOTA").map(Long::parseLong);
    }

    /** The users who may use the administration API. */
    public Set<String> admins() {
        return value("CLOUDDISK_ADMINS").stream().flatMap(list -> Arrays.stream(list.split(",")))
                .map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    /** Failed logins of one user from one address before that pair is blocked for a while. */
    public int loginMaxFailures() {
        return value("CLOUDDISK_LOGIN_MAX_FAILURES").map(Integer::parseInt).orElse(5);
    }

    /** Failed logins from one address, whatever the user, before that address is blocked for a while. */
    public int loginMaxFailuresPerAddress() {
        return value("CLOUDDISK_LOGIN_MAX_FAILURES_PER_ADDRESS").map(Integer::parseInt).orElse(50);
    }

    /**
     * The most pixels (width × height) an image may declare to get a thumbnail. The default, 160 megapixels, takes the
     * largest single-shot camera sensors (151 MP) and bounds a thumbnail's decoding time to about 2 s of one core;
     * memory does not depend on it (images are decoded subsampled).
     */
    public long thumbnailMaxPixels() {
        return value("CLOUDDISK_THUMBNAIL_MAX_PIXELS").map(Long::parseLong).orElse(160_000_000L);
    }

    /** Whether every new share link must have a password (CLOUDDISK_LINK_REQUIRE_PASSWORD=true). */
    public boolean linkRequirePassword() {
        return value("CLOUDDISK_LINK_REQUIRE_PASSWORD").map(Settings::bool).orElse(false);
    }

    /** The longest a share link may live, in whole days; when set, every new link must have an expiry within it. */
    public Optional<Integer> linkMaxDays() {
        return value("CLOUDDISK_LINK_MAX_DAYS").map(Integer::parseInt).map(days -> {
            if (days < 1) {
                throw new IllegalStateException("CLOUDDISK_LINK_MAX_DAYS must be at least 1, not " + days);
            }
            return days;
        });
    }

    /**
     * Whether the seed's /md5 still hands a file to whoever names its MD5 (the desktop client's instant upload);
     * false makes it answer as for unknown content, so clients upload instead. Read at every request.
     */
    public boolean legacyInstantUpload() {
        return value("CLOUDDISK_LEGACY_INSTANT_UPLOAD").map(Settings::bool).orElse(true);
    }

    /** How long a challenge of /api/v2/instant may be answered: seconds or ISO-8601 (API.md: 5 minutes). */
    public Duration instantChallengeTtl() {
        return value("CLOUDDISK_INSTANT_CHALLENGE_TTL").map(Settings::duration).orElse(Duration.ofMinutes(5));
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalStateException("expected true or false, not " + text);
        };
    }

    private static Duration duration(String text) {
        return text.startsWith("P") || text.startsWith("p") ? Duration.parse(text) : Duration.ofSeconds(Long.parseLong(text));
    }

    /** The system property (clouddisk.x.y) wins over the environment variable (CLOUDDISK_X_Y); blank means unset. */
    static Optional<String> value(String envName) {
        String property = envName.toLowerCase().replace('_', '.');
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(envName);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
