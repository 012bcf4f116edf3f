package org.clouddisk.web;

import jakarta.ws.rs.core.Response;
import org.clouddisk.account.TokenRejectedException;
import org.clouddisk.account.TokenStoreUnavailableException;
import org.clouddisk.platform.Code;
import org.clouddisk.platform.Dialect;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Protocol answers: HTTP 200 with a JSON body whatever the outcome. {@link #guard} turns every failure of a
 * request into the endpoint's failure code, so no client ever sees a 500 or a stack trace.
 */
public final class Reply {

    public static final String JSON = "application/json;charset=UTF-8";
    private static final Logger LOG = Logger.getLogger(Reply.class.getName());

    private Reply() {
    }

    /** The body of most answers: {"code":"..."}. */
    public record CodeBody(String code) {
    }

    /** A code that both dialects spell the same. */
    public static Response of(Code code) {
        if (!code.wire(Dialect.SEED).equals(code.wire(Dialect.CLASSIC))) {
            throw new IllegalArgumentException(code + " differs between the dialects: name the dialect");
        }
        return of(code, Dialect.SEED);
    }

    public static Response of(Code code, Dialect dialect) {
        return json(new CodeBody(code.wire(dialect)));
    }

    public static Response json(Object body) {
        return Response.ok(body, JSON).build();
    }

    /**
     * Runs the request's work; a bad request or any error answers {@code failure} in the client's dialect, a
     * rejected token answers 111.
     */
    public static Response guard(Dialect dialect, Code failure, Supplier<Response> work) {
        try {
            return work.get();
        } catch (TokenRejectedException e) {
            return of(Code.TOKEN_INVALID);
        } catch (TokenStoreUnavailableException e) {
            LOG.log(Level.WARNING, "answering " + failure.wire(dialect) + ": " + e.getMessage());
            return of(failure, dialect);
        } catch (InvalidRequestException e) {
            LOG.log(Level.FINE, "rejected request ({0}): {1}", new Object[]{failure.wire(dialect), e.getMessage()});
            return of(failure, dialect);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request failed, answering " + failure.wire(dialect), e);
            return of(failure, dialect);
        }
    }
}
