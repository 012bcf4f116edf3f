package org.clouddisk.links;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Caller;
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

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** /api/v2/links: the caller's share links (API.md, "Share links"). */
@Path("v2/links")
@Authenticated
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "links")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "401", description = "unauthorized: no live Bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class LinksResource {

    private static final String[] NODE = {"node"};
    private static final String[] PASSWORD = {"password"};
    private static final String[] EXPIRES = {"expires"};
    private static final String[] MAX_DOWNLOADS = {"max_downloads"};
    /** Longer passwords are refused (400) rather than hashed. */
    static final int MAX_PASSWORD = 256;
    private static final int MAX_ID = 32;

    @EJB
    LinkService links;

    @Inject
    Caller caller;

    @POST
    @Operation(summary = "Creates a link to one of the caller's files or folders")
    @APIResponse(responseCode = "201", description = "the new link",
            content = @Content(schema = @Schema(implementation = Link.class)))
    @APIResponse(responseCode = "400", description = "invalid: a bad field, or a link the deployment's rules refuse",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not_found: no such node of this user outside the trash",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(String body, @Context UriInfo uri) {
        JsonRequest request = JsonRequest.parse(body);
        String node = request.text(NODE, MAX_ID);
        Optional<String> password = request.optionalText(PASSWORD, MAX_PASSWORD);
        if (password.isPresent() && password.get().isEmpty()) {
            throw new InvalidRequestException("password must not be empty (leave it out for a link without one)");
        }
        Optional<Instant> expires = request.optionalText(EXPIRES, 64).map(LinksResource::instant);
        Optional<Integer> maxDownloads = request.optionalNullableCount(MAX_DOWNLOADS).flatMap(n -> n).map(n -> {
            if (n < 1 || n > Integer.MAX_VALUE) {
                throw new InvalidRequestException("max_downloads must be from 1 to " + Integer.MAX_VALUE);
            }
            return n.intValue();
        });
        Link link = links.create(caller.user(), node, password, expires, maxDownloads);
        return Response.created(uri.getBaseUriBuilder().path("v2/links").path(link.id()).build()).entity(link).build();
    }

    @GET
    @Operation(summary = "The caller's links, newest first, with their download counts and states")
    public Page<Link> list(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        return links.list(caller.user(), Paging.of(offset, limit));
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revokes the link for good")
    @APIResponse(responseCode = "204", description = "revoked")
    @APIResponse(responseCode = "404", description = "not_found: no such link of this user",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public void revoke(@PathParam("id") String id) {
        links.revoke(caller.user(), id);
    }

    /** An ISO-8601 time with its offset ({@code 2026-12-07T08:00:00Z}). */
    private static Instant instant(String text) {
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("expires must be an ISO-8601 time such as 2026-12-07T08:00:00Z");
        }
    }
}
