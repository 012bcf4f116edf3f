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
 * pose as another address nor pick its dialect.
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

    /** The deployment's dialect ({@code CLOUDDISK_LEGACY_DIALECT}), unless a trusted proxy named another. */
    public Dialect dialect(HttpServletRequest request) {
        String named = request.getHeader(DIALECT_HEADER);
        if (named == null || !proxies.trusts(request.getRemoteAddr())) {
            return defaultDialect;
        }
        return Dialect.named(named).orElse(defaultDialect);
    }
}
