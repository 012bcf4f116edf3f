package org.clouddisk.drive;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Caller;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.api.Problem;
import org.clouddisk.web.FileNames;
import org.clouddisk.web.InvalidRequestException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/v2/search. */
@Path("v2/search")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "nodes")
@SecurityRequirement(name = "bearer")
public class SearchResource {

    @Inject
    NodeSearch nodes;

    @Inject
    Caller caller;

    @GET
    @Operation(summary = "The user's nodes outside the trash whose name contains q, case-insensitively, with paths")
    @APIResponse(responseCode = "400", description = "invalid: q is missing or longer than a name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<Node> search(@QueryParam("q") String q, @QueryParam("offset") String offset,
                             @QueryParam("limit") String limit) {
        if (q == null || q.isEmpty() || q.codePointCount(0, q.length()) > FileNames.MAX_LENGTH) {
            throw new InvalidRequestException("q is 1 to 255 characters");
        }
        Paging paging = Paging.of(offset, limit);
        return nodes.search(caller.user(), q, paging);
    }
}
