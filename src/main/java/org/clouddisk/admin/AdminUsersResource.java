package org.clouddisk.admin;

import jakarta.ejb.EJB;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.clouddisk.api.AdministratorsOnly;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.api.Problem;
import org.clouddisk.web.InvalidRequestException;
import org.clouddisk.web.JsonRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/** /api/v2/admin: users and storage, for administrators (CLOUDDISK_ADMINS). */
@Path("v2/admin")
@Authenticated
@AdministratorsOnly
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "unauthorized: no live Bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "403", description = "forbidden: not an administrator",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class AdminUsersResource {

    private static final String[] LIMIT = {"limit"};
    private static final String[] DISABLED = {"disabled"};

    @EJB
    AdminService admin;

    @GET
    @Path("users")
    @Operation(summary = "A page of the users, by name, with their usage; q filters by name or nickname")
    public Page<AdminService.UserSummary> users(@QueryParam("q") String q, @QueryParam("offset") String offset,
                                                @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return admin.users(Optional.ofNullable(q).filter(text -> !text.isEmpty()), paging);
    }

    @PATCH
    @Path("users/{user}")
    @Operation(summary = "Sets a user's quota (null: the default) and/or disables the user")
    @APIResponse(responseCode = "200", description = "the user as it is now",
            content = @Content(schema = @Schema(implementation = AdminService.UserSummary.class)))
    @APIResponse(responseCode = "404", description = "not_found: no such user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AdminService.UserSummary update(@PathParam("user") String user, String body) {
        JsonRequest request = JsonRequest.parse(body);
        Optional<Optional<Long>> limit = request.optionalNullableCount(LIMIT);
        Optional<Boolean> disabled = request.optionalBoolean(DISABLED);
        if (limit.isEmpty() && disabled.isEmpty()) {
            throw new InvalidRequestException("limit or disabled is required");
        }
        return admin.update(user, limit, disabled);
    }

    @GET
    @Path("stats")
    @Operation(summary = "Users, files, contents, and bytes counted per reference (logical) and per content (stored)")
    public AdminService.StorageStats stats() {
        return admin.stats();
    }
}
