package org.clouddisk.platform;

import java.util.Locale;
import java.util.Optional;

/**
 * The two dialects of the wire protocol a deployment answers: the seed's (PROTOCOL.md, the default) and the one the
 * public build of the original desktop client speaks (docs/CLASSIC-DIALECT.md). They differ in three /md5 codes, the
 * field names of lists, and the requests that client sends without a token.
 */
public enum Dialect {
    SEED,
    CLASSIC;

    /** {@code seed} or {@code classic}, in any case; empty for anything else. */
    public static Optional<Dialect> named(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "seed" -> Optional.of(SEED);
            case "classic" -> Optional.of(CLASSIC);
            default -> Optional.empty();
        };
    }
}
