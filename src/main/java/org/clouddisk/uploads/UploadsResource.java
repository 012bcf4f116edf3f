package org.clouddisk.uploads;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.clouddisk.api.Authenticated;
import org.clouddisk.api.Caller;
import org.clouddisk.api.Problem;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.files.ContentDeletions;
import org.clouddisk.files.Quotas;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.platform.Settings;
import org.clouddisk.storage.AppendableContentStore;
import org.clouddisk.web.FileNames;
import org.clouddisk.web.InvalidRequestException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * /api/v2/uploads: tus 1.0.0 with creation, creation-with-upload, termination and expiration (API.md, "Uploads").
 * The Location of a new upload is relative ({@code /api/v2/uploads/<id>}), so it holds whatever host and scheme the
 * client reached (nginx in front, a node directly); tus clients resolve it against the creation URL.
 */
@Path("v2/uploads")
@Tus
@Tag(name = "uploads")
@APIResponse(responseCode = "412", description = "invalid: no Tus-Resumable: 1.0.0",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class UploadsResource {

    private static final Logger LOG = Logger.getLogger(UploadsResource.class.getName());
    static final String OFFSET_STREAM = "application/offset+octet-stream";
    static final String EXTENSIONS = "creation,creation-with-upload,termination,expiration";
    static final String NODE_HEADER = "CloudDisk-Node";
    private static final String LOCATION_BASE = "/api/v2/uploads/";
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,19}");
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    @EJB
    UploadService uploads;

    @Inject
    Quotas quotas;

    @EJB
    ContentDeletions deletions;

    @Inject
    UploadWriter writer;

    @Inject
    AppendableContentStore store;

    @Inject
    Caller caller;

    @Inject
    Settings settings;

    @OPTIONS
    @Operation(summary = "What this tus server speaks: Tus-Version, Tus-Extension, Tus-Max-Size (no login needed)")
    @APIResponse(responseCode = "204", description = "the server's tus capabilities in headers")
    public Response options() {
        return Response.noContent().header(TusProtocol.SUPPORTED_VERSIONS, TusProtocol.VERSION)
                .header("Tus-Extension", EXTENSIONS).header("Tus-Max-Size", settings.maxUploadBytes()).build();
    }

    @POST
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Creates an upload (Upload-Length; Upload-Metadata: name, parent, md5), optionally with its"
            + " first bytes (Content-Type: application/offset+octet-stream)")
    @APIResponse(responseCode = "201", description = "created; Location names the upload, Upload-Offset and"
            + " Upload-Expires say where it stands, CloudDisk-Node names the file when the body completed it")
    @APIResponse(responseCode = "400", description = "invalid: no or a bad Upload-Length or Upload-Metadata",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not_found: parent is no folder of the user's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "invalid: longer than Tus-Max-Size; quota_exceeded: it"
            + " does not fit in the quota",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@HeaderParam("Upload-Length") String length,
                           @HeaderParam("Upload-Defer-Length") String deferLength,
                           @HeaderParam("Upload-Metadata") String metadata,
                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                           @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                           @Parameter(hidden = true) InputStream body) throws IOException {
        String user = caller.user();
        if (deferLength != null) {
            throw new InvalidRequestException("Upload-Defer-Length is not supported: send Upload-Length");
        }
        long total = number("Upload-Length", length);
        if (total > settings.maxUploadBytes()) {
            throw new ProblemException(ProblemCode.INVALID, 413, "Upload-Length " + total + " passes Tus-Max-Size "
                    + settings.maxUploadBytes());
        }
        UploadMetadata declared = UploadMetadata.parse(metadata);
        boolean withBody = contentType != null && !contentType.isBlank();
        if (withBody) {
            requireOffsetStream(contentType);
        } else if (contentLength != null && !"0".equals(contentLength.trim())) {
            throw new ProblemException(ProblemCode.INVALID, 415, "a creation with bytes has Content-Type "
                    + OFFSET_STREAM);
        }
        if (!quotas.hasRoomFor(user, total)) { // checked again, exactly, when the upload is recorded
            throw new ProblemException(ProblemCode.QUOTA_EXCEEDED, total + " bytes do not fit in the quota");
        }
        String contentId = store.createAppendable(FileNames.storeExtension(declared.name()));
        UploadService.UploadStatus created;
        try {
            created = Conflicts.retry(() -> uploads.create(user, new UploadService.NewUpload(declared.parent(),
                    declared.name(), total, declared.md5()), contentId, new ResumableMd5().encodedState()));
        } catch (RuntimeException e) {
            deleteQuietly(contentId);
            throw e;
        }
        Response.ResponseBuilder answer = Response.status(Response.Status.CREATED)
                .header(HttpHeaders.LOCATION, LOCATION_BASE + created.id());
        if (!withBody && total > 0) {
            return answer.header("Upload-Offset", 0).header("Upload-Expires", httpDate(created.expires())).build();
        }
        UploadWriter.Written written;
        try {
            written = writer.write(user, created.id(), 0, withBody ? body : InputStream.nullInputStream(),
                    contentLength(contentLength));
        } catch (IOException | RuntimeException e) {
            abandon(user, created.id());
            throw e;
        }
        return written(answer, written);
    }

    /** A creation that failed answers no Location, so no client can continue its upload: nothing of it may stay. */
    private void abandon(String user, String id) {
        try {
            Conflicts.retry(() -> uploads.terminate(user, id));
        } catch (RuntimeException e) {
            // discarded already (an md5 that did not match), or still leased: then it expires like any other
            LOG.info(() -> "upload " + id + " of a failed creation not terminated: " + e);
        }
    }

    @HEAD
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Where the upload stands: Upload-Offset, Upload-Length, Upload-Expires")
    @APIResponse(responseCode = "200", description = "the upload's offset and length in headers")
    @APIResponse(responseCode = "404", description = "not_found: no such upload (never, finished, terminated or"
            + " expired)")
    public Response head(@PathParam("id") String id) {
        UploadService.UploadStatus status = uploads.status(caller.user(), id);
        return Response.ok().header("Upload-Offset", status.offset()).header("Upload-Length", status.length())
                .header("Upload-Expires", httpDate(status.expires())).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @PATCH
    @Path("{id}")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Appends the body (application/offset+octet-stream) at Upload-Offset; the PATCH that"
            + " reaches Upload-Length completes the upload into a file (CloudDisk-Node)")
    @APIResponse(responseCode = "204", description = "appended: Upload-Offset is the new offset, Upload-Expires;"
            + " CloudDisk-Node: the new file's id when this completed the upload")
    @APIResponse(responseCode = "400", description = "invalid: no or a bad Upload-Offset, a body past Upload-Length",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "not_found: no such upload",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "invalid: Upload-Offset is not the upload's offset, or the"
            + " completed bytes' md5 is not the declared one (the upload is discarded)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "invalid: Content-Type is not application/offset+octet-stream",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "423", description = "too_many_requests: another request is writing to the upload",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response patch(@PathParam("id") String id, @HeaderParam("Upload-Offset") String offset,
                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                          @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                          @Parameter(hidden = true) InputStream body) throws IOException {
        requireOffsetStream(contentType);
        long at = number("Upload-Offset", offset);
        UploadWriter.Written written = writer.write(caller.user(), id, at, body, contentLength(contentLength));
        return written(Response.noContent(), written);
    }

    /** For clients that cannot send PATCH (Java's HttpURLConnection): POST with X-HTTP-Method-Override: PATCH. */
    @POST
    @Path("{id}")
    @Authenticated
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response patchOverride(@PathParam("id") String id, @HeaderParam("X-HTTP-Method-Override") String method,
                                  @HeaderParam("Upload-Offset") String offset,
                                  @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                  @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                                  InputStream body) throws IOException {
        if (!"PATCH".equalsIgnoreCase(method == null ? "" : method.trim())) {
            throw new ProblemException(ProblemCode.INVALID, 405, "an upload takes PATCH, HEAD and DELETE");
        }
        return patch(id, offset, contentType, contentLength, body);
    }

    @DELETE
    @Path("{id}")
    @Authenticated
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "Terminates the upload and frees its bytes and its place in the quota")
    @APIResponse(responseCode = "204", description = "terminated")
    @APIResponse(responseCode = "404", description = "not_found: no such upload",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "423", description = "too_many_requests: a request is writing to the upload",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response terminate(@PathParam("id") String id) {
        String user = caller.user();
        Conflicts.retry(() -> uploads.terminate(user, id));
        return Response.noContent().build();
    }

    private Response written(Response.ResponseBuilder answer, UploadWriter.Written written) {
        answer.header("Upload-Offset", written.offset());
        if (written.nodeId() != null) {
            answer.header(NODE_HEADER, written.nodeId());
        } else {
            answer.header("Upload-Expires", httpDate(LocalDateTime.now().plus(settings.uploadExpiry())));
        }
        return answer.build();
    }

    private static void requireOffsetStream(String contentType) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (!OFFSET_STREAM.equalsIgnoreCase(type)) {
            throw new ProblemException(ProblemCode.INVALID, 415, "the body must be " + OFFSET_STREAM);
        }
    }

    /** A header holding a non-negative decimal number (tus: Upload-Length, Upload-Offset). */
    private static long number(String header, String value) {
        String v = value == null ? "" : value.trim();
        if (!NUMBER.matcher(v).matches()) {
            throw new InvalidRequestException(header + " must be a non-negative number");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(header + " is too large");
        }
    }

    private static long contentLength(String value) {
        String v = value == null ? "" : value.trim();
        try {
            return NUMBER.matcher(v).matches() ? Long.parseLong(v) : -1;
        } catch (NumberFormatException e) {
            return -1; // past Long.MAX_VALUE: no body is that long; the upload's length bounds what is read
        }
    }

    private static String httpDate(LocalDateTime time) {
        return HTTP_DATE.format(time.atZone(ZoneId.systemDefault()).withZoneSameInstant(ZoneId.of("GMT")));
    }

    /** A refused creation's empty content; when the store cannot take the deletion now, it is retried later. */
    private void deleteQuietly(String contentId) {
        try {
            store.delete(contentId);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not delete the content {0} of a refused upload now, scheduling it: {1}",
                    new Object[]{contentId, e.toString()});
            try {
                deletions.scheduleNow(contentId, DefaultUploadService.NO_MD5);
            } catch (RuntimeException notRecorded) {
                LOG.log(Level.SEVERE, "content " + contentId + " is left in the store", notRecorded);
            }
        }
    }
}
