package org.clouddisk.api;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem answer: {"type","title","status","detail","code"}, and "reason" (an extension member, left out
 * when null) where one code covers several cases a client shows differently: why a link is {@code 410 gone}.
 */
@JsonbPropertyOrder({"type", "title", "status", "detail", "code", "reason"})
public record Problem(String type, String title, int status, String detail, String code, String reason) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:clouddisk:problem:";

    public static Problem of(ProblemCode code, String detail) {
        return of(code, code.status(), code.title(), detail);
    }

    static Problem of(ProblemCode code, String detail, String reason) {
        return new Problem(TYPE_PREFIX + code.wire(), code.title(), code.status(), detail, code.wire(), reason);
    }

    /** A problem whose HTTP status is not the code's own (a 405 or 415 is still an invalid request). */
    static Problem of(ProblemCode code, int status, String title, String detail) {
        return new Problem(TYPE_PREFIX + code.wire(), title, status, detail, code.wire(), null);
    }

    /** The HTTP answer: a 401 names the Bearer scheme, a 503 asks to retry a little later. */
    public Response toResponse() {
        Response.ResponseBuilder answer = Response.status(status).type(MEDIA_TYPE).entity(this);
        if (status == ProblemCode.UNAUTHORIZED.status()) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        } else if (status == ProblemCode.UNAVAILABLE.status()) {
            answer.header(HttpHeaders.RETRY_AFTER, "5");
        }
        return answer.build();
    }
}
