package org.clouddisk.uploads;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;

/**
 * tus 1.0.0's version negotiation: every request but OPTIONS carries {@code Tus-Resumable: 1.0.0} (anything else is
 * 412 Precondition Failed, with the versions the server speaks), and every answer names the version it speaks.
 * Runs after authentication, so a request without a login learns nothing about uploads.
 */
@Provider
@Tus
@Priority(Priorities.AUTHORIZATION)
public class TusProtocol implements ContainerRequestFilter, ContainerResponseFilter {

    static final String VERSION = "1.0.0";
    static final String RESUMABLE = "Tus-Resumable";
    static final String SUPPORTED_VERSIONS = "Tus-Version";

    @Override
    public void filter(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod()) && !VERSION.equals(request.getHeaderString(RESUMABLE))) {
            request.abortWith(new ProblemException(ProblemCode.INVALID, 412,
                    "this server speaks tus " + VERSION + "; send Tus-Resumable: " + VERSION).problem().toResponse());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        response.getHeaders().putSingle(RESUMABLE, VERSION);
        if (response.getStatus() == 412) {
            response.getHeaders().putSingle(SUPPORTED_VERSIONS, VERSION);
        }
    }
}
