package org.clouddisk.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.clouddisk.platform.Dialect;
import org.clouddisk.platform.Settings;

/**
 * Who sent a request and which dialect it speaks. Forwarding headers count only when the connection comes from a
 * trusted proxy ({@code CLOUDDISK_TRUSTED_PROXIES}); from anybody else they are ignored, so a client can neither
 * pose as another address nor talk its way into the classic dialect's token-less requests. Any client may ask for
 * the seed's dialect, the stricter one (the browser client does, whatever the deployment's default).
 */
@ApplicationScoped
public class ClientRequests {

    /** Set by nginx's server block for classic clients (nginx/clouddisk.conf). */
    public static final String DIALECT_HEADER = "X-CloudDisk-Dialect";

    @Inject
    Settings settings;

    private TrustedProxies proxies;
    private Dialect defaultDialect;

    @PostConstruct
    void configure() {
        proxies = TrustedProxies.parse(settings.trustedProxies());
        defaultDialect = settings.legacyDialect();
    }

    /** The client's address, as {@link TrustedProxies#clientAddress} finds it. */
    public String address(HttpServletRequest request) {
        return proxies.clientAddress(request.getRemoteAddr(), request.getHeader("X-Real-IP"),
                request.getHeader("X-Forwarded-For"));
    }

    public Dialect dialect(HttpServletRequest request) {
        String named = request.getHeader(DIALECT_HEADER);
        return named == null ? defaultDialect : choose(named, proxies.trusts(request.getRemoteAddr()), defaultDialect);
    }

    /**
     * The dialect a request named in {@link #DIALECT_HEADER}: seed from anybody, classic from a trusted proxy only;
     * otherwise the deployment's ({@code CLOUDDISK_LEGACY_DIALECT}).
     */
    static Dialect choose(String named, boolean fromTrustedProxy, Dialect deployment) {
        return Dialect.named(named).filter(d -> d == Dialect.SEED || fromTrustedProxy).orElse(deployment);
    }
}
