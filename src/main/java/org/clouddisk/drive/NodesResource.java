package org.clouddisk.drive;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Caller;
import org.clouddisk.api.Page;
import org.clouddisk.api.Paging;
import org.clouddisk.files.DownloadPlan;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.storage.ContentStore;
import org.clouddisk.web.InvalidRequestException;
import org.clouddisk.web.JsonRequest;
import org.clouddisk.api.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Optional;

/** /api/v2/nodes: a user's folders and files (API.md, "Folders and files"). */
@Path("v2/nodes/{id}")
@Authenticated
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "nodes")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "unauthorized: no live Bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "404", description = "not_found: no such node of this user",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class NodesResource {

    private static final String[] NAME = {"name"};
    private static final String[] KIND = {"kind"};
    private static final String[] PARENT = {"parent"};
    private static final int MAX_ID = 32;

    @EJB
    DriveService drive;

    @EJB
    TrashService trash;

    @Inject
    Caller caller;

    @Inject
    ContentStore store;

    @Context
    ServletContext servlet;

    @GET
    @Operation(summary = "A node, with its path from root to its parent")
    public Node node(@PathParam("id") String id) {
        // retried: the first read of a new user's root creates it, and parallel first reads race for that
        return Conflicts.retry(() -> drive.node(caller.user(), id));
    }

    @GET
    @Path("children")
    @Operation(summary = "A page of a folder's nodes, folders first")
    public Page<Node> children(@PathParam("id") String id, @QueryParam("sort") String sort,
                               @QueryParam("order") String order, @QueryParam("offset") String offset,
                               @QueryParam("limit") String limit) {
        ChildOrder by = ChildOrder.of(sort);
        boolean descending = ChildOrder.descending(order);
        Paging paging = Paging.of(offset, limit);
        return Conflicts.retry(() -> drive.children(caller.user(), id, by, descending, paging)); // as node(id)
    }

    @POST
    @Path("children")
    @Operation(summary = "Creates a folder in the folder")
    @APIResponse(responseCode = "201", description = "the new folder",
            content = @Content(schema = @Schema(implementation = Node.class)))
    @APIResponse(responseCode = "409", description = "name_conflict: the folder holds a node of that name",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response createFolder(@PathParam("id") String id, String body, @Context UriInfo uri) {
        JsonRequest request = JsonRequest.parse(body);
        if (!"folder".equals(request.text(KIND, 16))) {
            throw new InvalidRequestException("kind must be folder");
        }
        String name = NodeNames.requireValid(request.text(NAME, 255));
        Node folder = Conflicts.retry(() -> drive.createFolder(caller.user(), id, name));
        return Response.created(uri.getBaseUriBuilder().path("v2/nodes").path(folder.id()).build())
                .entity(folder).build();
    }

    @PATCH
    @Operation(summary = "Renames and/or moves a node")
    @APIResponse(responseCode = "200", description = "the node as it is now",
            content = @Content(schema = @Schema(implementation = Node.class)))
    @APIResponse(responseCode = "409", description = "name_conflict, or cycle: a folder into itself or its subtree",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Node update(@PathParam("id") String id, String body) {
        JsonRequest request = JsonRequest.parse(body);
        Optional<String> name = request.optionalText(NAME, 255).map(NodeNames::requireValid);
        Optional<String> parent = request.optionalText(PARENT, MAX_ID);
        if (name.isEmpty() && parent.isEmpty()) {
            throw new InvalidRequestException("name or parent is required");
        }
        return Conflicts.retry(() -> drive.update(caller.user(), id, name, parent));
    }

    @DELETE
    @Operation(summary = "Puts the node, with its whole subtree, in the trash")
    @APIResponse(responseCode = "204", description = "in the trash")
    public void delete(@PathParam("id") String id) {
        Conflicts.retry(() -> trash.trash(caller.user(), id));
    }

    @GET
    @Path("content")
    @Operation(summary = "The file's bytes (one Range at most); counts a download")
    public Response content(@PathParam("id") String id, @Context HttpHeaders headers) {
        DriveService.FileContent file = drive.content(caller.user(), id);
        DownloadPlan plan = ContentAnswers.plan(file, headers);
        if (ContentAnswers.startsADownload(plan)) { // a download is counted once, by the request for its first byte
            drive.countDownload(caller.user(), id);
        }
        return answer(file, plan, true);
    }

    @HEAD
    @Path("content")
    @Operation(summary = "The headers of the file's content")
    public Response contentHeaders(@PathParam("id") String id, @Context HttpHeaders headers) {
        DriveService.FileContent file = drive.content(caller.user(), id);
        return answer(file, ContentAnswers.plan(file, headers), false);
    }

    private Response answer(DriveService.FileContent file, DownloadPlan plan, boolean withBody) {
        return ContentAnswers.answer(file, plan, withBody, servlet.getMimeType(file.name()), store);
    }
}
