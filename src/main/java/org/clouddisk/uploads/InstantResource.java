package org.clouddisk.uploads;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Caller;
import org.clouddisk.api.Problem;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.api.Times;
import org.clouddisk.drive.Node;
import org.clouddisk.drive.NodeNames;
import org.clouddisk.web.InvalidRequestException;
import org.clouddisk.web.JsonRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** /api/v2/instant: instant upload with proof of possession (API.md). */
@Path("v2/instant")
@Authenticated
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "instant")
@SecurityRequirement(name = "bearer")
@APIResponse(responseCode = "400", description = "invalid: a malformed body or field",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "unauthorized: no live Bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class InstantResource {

    private static final String[] PARENT = {"parent"};
    private static final String[] NAME = {"name"};
    private static final String[] SIZE = {"size"};
    private static final String[] PROOF = {"proof"};
    private static final int MAX_ID = 32;

    @EJB
    InstantService instant;

    @Inject
    Caller caller;

    /** The answer to a file the server holds: prove you have it. */
    public record ChallengeAnswer(String challenge, String nonce, List<List<Long>> ranges, String expires) {
        static ChallengeAnswer of(Challenge c) {
            return new ChallengeAnswer(c.id(), c.nonce(),
                    c.ranges().stream().map(r -> List.of(r.offset(), r.length())).toList(),
                    Times.utc(c.expires()));
        }
    }

    @POST
    @Operation(summary = "Asks for a challenge to add a file the server may hold without uploading it")
    @APIResponse(responseCode = "200", description = "the challenge: HMAC-SHA256 of the ranges' bytes keyed by the nonce",
            content = @Content(schema = @Schema(implementation = ChallengeAnswer.class)))
    @APIResponse(responseCode = "404", description = "unknown_content (upload the file instead), or not_found: no such folder",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "quota_exceeded",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ChallengeAnswer challenge(String body) {
        JsonRequest request = JsonRequest.parse(body);
        String parent = request.optionalText(PARENT, MAX_ID).orElse("root");
        String name = NodeNames.requireValid(request.text(NAME, 255));
        String md5 = request.md5();
        long size = request.optionalNullableCount(SIZE).flatMap(s -> s)
                .orElseThrow(() -> new InvalidRequestException("size must be a whole number of bytes"));
        return ChallengeAnswer.of(instant.challenge(caller.user(), parent, name, md5, size));
    }

    @POST
    @Path("{challenge}")
    @Operation(summary = "Answers a challenge once; the file is added when the proof matches")
    @APIResponse(responseCode = "201", description = "the new file",
            content = @Content(schema = @Schema(implementation = Node.class)))
    @APIResponse(responseCode = "404", description = "not_found: no such challenge (unknown, expired or already answered)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "proof_failed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response prove(@PathParam("challenge") String challenge, String body, @Context UriInfo uri) {
        String proof = JsonRequest.parse(body).text(PROOF, 64);
        if (!Proof.isWellFormed(proof)) {
            throw new InvalidRequestException("proof must be the 64 hex digits of an HMAC-SHA256");
        }
        if (!Challenge.isWellFormedId(challenge)) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "no such challenge");
        }
        Node file = instant.prove(caller.user(), challenge, proof);
        return Response.created(uri.getBaseUriBuilder().path("v2/nodes").path(file.id()).build()).entity(file).build();
    }
}
