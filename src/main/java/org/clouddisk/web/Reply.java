package org.clouddisk.web;

import jakarta.ws.rs.core.Response;
import org.clouddisk.account.TokenRejectedException;
import org.clouddisk.account.TokenStoreUnavailableException;
import org.clouddisk.platform.Code;

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

    public static Response of(Code code) {
        return json(new CodeBody(code.wire()));
    }

    public static Response json(Object body) {
        return Response.ok(body, JSON).build();
    }

    /**
     * Runs the request's work; a bad request or any error answers {@code failure}, a rejected token answers 111.
     */
    public static Response guard(Code failure, Supplier<Response> work) {
        try {
            return work.get();
        } catch (TokenRejectedException e) {
            return of(Code.TOKEN_INVALID);
        } catch (TokenStoreUnavailableException e) {
            LOG.log(Level.WARNING, "answering " + failure.wire() + ": " + e.getMessage());
            return of(failure);
        } catch (InvalidRequestException e) {
            LOG.log(Level.FINE, "rejected request ({0}): {1}", new Object[]{failure.wire(), e.getMessage()});
            return of(failure);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "request failed, answering " + failure.wire(), e);
            return of(failure);
        }
    }
}
