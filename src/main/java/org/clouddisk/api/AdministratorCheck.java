package org.clouddisk.api;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.clouddisk.platform.Settings;

/** Administrators are the users named in CLOUDDISK_ADMINS (API.md, "Administration"); anybody else gets 403. */
@Provider
@AdministratorsOnly
@Priority(Priorities.AUTHORIZATION)
public class AdministratorCheck implements ContainerRequestFilter {

    @Inject
    Settings settings;

    @Inject
    Caller caller;

    @Override
    public void filter(ContainerRequestContext request) {
        if (!settings.admins().contains(caller.user())) {
            request.abortWith(Problem.of(ProblemCode.FORBIDDEN, "for administrators only").toResponse());
        }
    }
}
