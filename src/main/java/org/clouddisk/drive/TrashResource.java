package org.clouddisk.drive;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Caller;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.api.Problem;
import org.clouddisk.platform.Conflicts;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** /api/v2/trash: a user's deleted nodes (API.md, "Trash"). */
@Path("v2/trash")
@Authenticated
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "trash")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "unauthorized: no live Bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TrashResource {

    @EJB
    TrashService trash;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "A page of the trashed top-level nodes, newest first, with deleted and original_path")
    public Page<Node> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        Paging paging = Paging.of(offset, limit);
        return trash.list(caller.user(), paging);
    }

    @DELETE
    @Operation(summary = "Purges the whole trash")
    @APIResponse(responseCode = "204", description = "the trash is empty")
    public void empty() {
        Conflicts.retry(() -> trash.empty(caller.user()));
    }

    @POST
    @Path("{id}/restore")
    @Operation(summary = "Restores a trashed node into its original folder, or root; a taken name gets a number")
    @APIResponse(responseCode = "200", description = "the restored node",
            content = @Content(schema = @Schema(implementation = Node.class)))
    @APIResponse(responseCode = "404", description = "not_found: no such node in this user's trash",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Node restore(@PathParam("id") String id) {
        return Conflicts.retry(() -> trash.restore(caller.user(), id));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Purges a trashed node and its subtree for good")
    @APIResponse(responseCode = "204", description = "purged")
    @APIResponse(responseCode = "404", description = "not_found: no such node in this user's trash",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void purge(@PathParam("id") String id) {
        Conflicts.retry(() -> trash.purge(caller.user(), id));
    }
}
