package org.clouddisk.previews;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Caller;
import org.clouddisk.api.Problem;
import org.clouddisk.drive.DriveService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/v2/nodes/{id}/thumbnail?size=64|256|1024 (API.md, "Folders and files"). */
@Path("v2/nodes/{id}/thumbnail")
@Authenticated
@Tag(name = "nodes")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "unauthorized: no live Bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "not_found: no such file of this user, or no thumbnail for it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ThumbnailsResource {

    @EJB
    DriveService drive;

    @Inject
    Caller caller;

    @Inject
    ThumbnailAnswers answers;

    @GET
    @Produces({"image/jpeg", "image/png"})
    @Operation(summary = "An image file's thumbnail, no larger than size × size (JPEG, or PNG where it has transparency)")
    public Response thumbnail(@PathParam("id") String id, @QueryParam("size") String size,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ThumbnailSize edge = ThumbnailAnswers.size(size);
        return answers.answer(drive.content(caller.user(), id).content(), edge, ifNoneMatch);
    }
}
