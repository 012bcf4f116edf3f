package org.clouddisk.links;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.api.Problem;
import org.clouddisk.drive.ContentAnswers;
import org.clouddisk.drive.DriveService;
import org.clouddisk.files.DownloadPlan;
import org.clouddisk.previews.ThumbnailAnswers;
import org.clouddisk.previews.ThumbnailSize;
import org.clouddisk.storage.ContentStore;
import org.clouddisk.web.ClientRequests;
import org.clouddisk.web.JsonRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * /api/v2/public/links/{id}: a share link as anybody holding it uses it, without login (API.md, "Share links"). A
 * password link needs {@code ?access=}, the token {@code unlock} gives.
 */
@Path("v2/public/links/{id}")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "public links")
@APIResponse(responseCode = "401", description = "password_required: no valid access token for this password link",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "not_found: no such link, or no such node in it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "410", description = "gone: the link expired, is used up or revoked, or its node was deleted",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PublicLinksResource {

    private static final String[] PASSWORD = {"password"};

    @EJB
    LinkService links;

    @Inject
    ClientRequests clients;

    @Inject
    ContentStore store;

    @Inject
    ThumbnailAnswers thumbnails;

    @Context
    ServletContext servlet;

    @GET
    @Operation(summary = "What the link shares: name, kind, size, expiry, whether it has a password")
    public PublicLink describe(@PathParam("id") String id, @QueryParam("access") String access) {
        return links.describe(id, access);
    }

    @POST
    @Path("unlock")
    @Operation(summary = "Checks the link's password and answers a short-lived access token for this link")
    @APIResponse(responseCode = "200", description = "the access token",
            content = @Content(schema = @Schema(implementation = Access.class)))
    @APIResponse(responseCode = "429", description = "too_many_requests: too many wrong passwords from this address",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Access unlock(@PathParam("id") String id, String body, @Context HttpServletRequest request) {
        String password = JsonRequest.parse(body).text(PASSWORD, LinksResource.MAX_PASSWORD);
        return links.unlock(id, password, clients.address(request));
    }

    @GET
    @Path("children")
    @Operation(summary = "A page of a folder inside the shared folder (the shared folder itself by default)")
    public Page<SharedNode> children(@PathParam("id") String id, @QueryParam("folder") String folder,
                                     @QueryParam("offset") String offset, @QueryParam("limit") String limit,
                                     @QueryParam("access") String access) {
        return links.children(id, access, folder, Paging.of(offset, limit));
    }

    @GET
    @Path("content")
    @Operation(summary = "The shared file's bytes (one Range at most); a request from the first byte counts a download")
    public Response content(@PathParam("id") String id, @QueryParam("access") String access,
                            @Context HttpHeaders headers) {
        return content(id, access, null, headers, true);
    }

    @HEAD
    @Path("content")
    @Operation(summary = "The headers of the shared file's content")
    public Response contentHeaders(@PathParam("id") String id, @QueryParam("access") String access,
                                   @Context HttpHeaders headers) {
        return content(id, access, null, headers, false);
    }

    @GET
    @Path("nodes/{node}/content")
    @Operation(summary = "The bytes of a file in the shared folder; a request from the first byte counts a download")
    public Response nodeContent(@PathParam("id") String id, @PathParam("node") String node,
                                @QueryParam("access") String access, @Context HttpHeaders headers) {
        return content(id, access, node, headers, true);
    }

    @HEAD
    @Path("nodes/{node}/content")
    @Operation(summary = "The headers of a file in the shared folder")
    public Response nodeContentHeaders(@PathParam("id") String id, @PathParam("node") String node,
                                       @QueryParam("access") String access, @Context HttpHeaders headers) {
        return content(id, access, node, headers, false);
    }

    @GET
    @Path("thumbnail")
    @Produces({"image/jpeg", "image/png"})
    @Operation(summary = "The shared image's thumbnail, as for the owner")
    public Response thumbnail(@PathParam("id") String id, @QueryParam("size") String size,
                              @QueryParam("access") String access,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return thumbnail(id, access, null, size, ifNoneMatch);
    }

    @GET
    @Path("nodes/{node}/thumbnail")
    @Produces({"image/jpeg", "image/png"})
    @Operation(summary = "The thumbnail of an image in the shared folder, as for the owner")
    public Response nodeThumbnail(@PathParam("id") String id, @PathParam("node") String node,
                                  @QueryParam("size") String size, @QueryParam("access") String access,
                                  @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return thumbnail(id, access, node, size, ifNoneMatch);
    }

    /** As the owner's download; the request that sends a download from its first byte counts it, once. */
    private Response content(String id, String access, String node, HttpHeaders headers, boolean withBody) {
        DriveService.FileContent file = links.file(id, access, node);
        DownloadPlan plan = ContentAnswers.plan(file, headers);
        if (withBody && ContentAnswers.startsADownload(plan)) {
            links.countDownload(id, access, node);
        }
        return ContentAnswers.answer(file, plan, withBody, servlet.getMimeType(file.name()), store);
    }

    private Response thumbnail(String id, String access, String node, String size, String ifNoneMatch) {
        ThumbnailSize edge = ThumbnailAnswers.size(size);
        return thumbnails.answer(links.file(id, access, node).content(), edge, ifNoneMatch);
    }
}
