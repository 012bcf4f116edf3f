package org.clouddisk.api;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.clouddisk.account.TokenStoreUnavailableException;
import org.clouddisk.web.InvalidRequestException;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns whatever a /api/v2 request ends with into a problem answer: never a 500 page or a stack trace. The seed's
 * endpoints answer their own codes with HTTP 200 and never let an exception out; for anything else outside
 * /api/v2 this mapper answers what JAX-RS would have answered without it.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
        if (!isV2(uri.getPath())) {
            if (e instanceof WebApplicationException web) {
                return web.getResponse();
            }
            LOG.log(Level.WARNING, "request to /api/" + uri.getPath() + " failed", e);
            return Response.serverError().build();
        }
        Response answer = problem(e).toResponse();
        if (e instanceof NotAllowedException notAllowed) {
            // RFC 9110: a 405 names the methods the resource takes
            return Response.fromResponse(answer).header(HttpHeaders.ALLOW,
                    notAllowed.getResponse().getHeaderString(HttpHeaders.ALLOW)).build();
        }
        return answer;
    }

    /** Whether a path below the JAX-RS application (/api) is one of the v2 API. */
    static boolean isV2(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("v2") || relative.startsWith("v2/");
    }

    private Problem problem(Throwable e) {
        if (e instanceof ProblemException p) {
            return p.problem();
        }
        if (e instanceof InvalidRequestException) {
            return Problem.of(ProblemCode.INVALID, e.getMessage());
        }
        if (e instanceof NotFoundException) {
            return Problem.of(ProblemCode.NOT_FOUND, "no such resource: /api/" + uri.getPath());
        }
        if (e instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            // malformed bodies, unsupported methods or media types: the request is wrong, whatever JAX-RS found
            Response.StatusType status = web.getResponse().getStatusInfo();
            return Problem.of(ProblemCode.INVALID, status.getStatusCode(), status.getReasonPhrase(), e.getMessage());
        }
        if (e instanceof TokenStoreUnavailableException) {
            LOG.warning(() -> "answering 503 to /api/" + uri.getPath() + ": " + e.getMessage());
            return Problem.of(ProblemCode.UNAVAILABLE, "logins cannot be checked now");
        }
        // the database or the content store failed (or a defect, whose stack trace goes to the log only)
        LOG.log(Level.WARNING, "answering 503 to /api/" + uri.getPath(), e);
        return Problem.of(ProblemCode.UNAVAILABLE, "the request could not be served now");
    }
}
