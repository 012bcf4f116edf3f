package org.clouddisk.drive;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Caller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/v2/me. */
@Path("v2/me")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "account")
@SecurityRequirement(name = "bearer")
public class MeResource {

    @EJB
    DriveService drive;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The logged-in user, with the space their files take")
    public DriveService.Account me() {
        return drive.account(caller.user());
    }
}
