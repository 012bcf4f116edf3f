package org.clouddisk.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.clouddisk.account.TokenStore;

import java.util.Optional;

/**
 * {@code Authorization: Bearer <token>} with the tokens /login issues (one token store for both protocols). A
 * missing, unknown or expired token answers 401; a token store that cannot be asked answers 503.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthentication implements ContainerRequestFilter {

    private static final String SCHEME = "Bearer ";
    /** Longer than any token the stores issue: refused before it is hashed. */
    private static final int MAX_TOKEN = 128;

    @Inject
    TokenStore tokens;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<String> user = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                .flatMap(tokens::userOf);
        if (user.isEmpty()) {
            request.abortWith(Problem.of(ProblemCode.UNAUTHORIZED, "a valid Bearer token is required").toResponse());
            return;
        }
        caller.authenticate(user.get());
    }

    private static Optional<String> bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(SCHEME.length()).trim();
        return token.isEmpty() || token.length() > MAX_TOKEN ? Optional.empty() : Optional.of(token);
    }
}
