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
import jakarta.ws.rs.core.StreamingOutput;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Caller;
import org.clouddisk.api.Problem;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.drive.DriveService;
import org.clouddisk.files.FileInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

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

    private static final String DEFAULT_SIZE = "256";

    @EJB
    DriveService drive;

    @Inject
    Caller caller;

    @Inject
    ThumbnailService thumbnails;

    @GET
    @Produces({"image/jpeg", "image/png"})
    @Operation(summary = "An image file's thumbnail, no larger than size × size (JPEG, or PNG where it has transparency)")
    public Response thumbnail(@PathParam("id") String id, @QueryParam("size") String size,
                              @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        ThumbnailSize edge = parse(size == null ? DEFAULT_SIZE : size);
        FileInfo content = drive.content(caller.user(), id).content();
        // A thumbnail never changes for one content and size: its validator names both.
        String etag = '"' + content.getMd5() + '-' + edge.pixels() + '"';
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().tag(etag.substring(1, etag.length() - 1)).build();
        }
        Thumbnail thumbnail = thumbnails.thumbnail(
                        new SourceContent(content.getMd5(), content.getFileId(), content.getSize()), edge)
                .orElseThrow(() -> new ProblemException(ProblemCode.NOT_FOUND, "this file has no thumbnail"));
        InputStream image = open(thumbnail);
        return Response.ok((StreamingOutput) out -> {
                    try (image) {
                        image.transferTo(out);
                    }
                }, thumbnail.format().mediaType())
                .header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=86400")
                .build();
    }

    private static ThumbnailSize parse(String size) {
        try {
            return ThumbnailSize.ofPixels(Integer.parseInt(size.trim())).orElseThrow();
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemCode.INVALID, "size must be 64, 256 or 1024");
        }
    }

    /** Opened before the answer starts: a thumbnail deleted with its content meanwhile is a 404, not a cut answer. */
    private static InputStream open(Thumbnail thumbnail) {
        try {
            return Files.newInputStream(thumbnail.file());
        } catch (NoSuchFileException e) {
            throw new ProblemException(ProblemCode.NOT_FOUND, "this file has no thumbnail");
        } catch (IOException e) {
            throw new ProblemException(ProblemCode.UNAVAILABLE, "the thumbnail cannot be read now");
        }
    }
}
