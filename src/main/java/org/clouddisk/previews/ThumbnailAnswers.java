package org.clouddisk.previews;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.clouddisk.api.ProblemCode;
import org.clouddisk.api.ProblemException;
import org.clouddisk.files.FileInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;

/**
 * The answer to a thumbnail request, whoever asks (the owner at /api/v2/nodes/{id}/thumbnail, anybody through a
 * share link): the image, with an ETag per content and size (304 when it matches), {@code 404 not_found} when the
 * content has no thumbnail, or {@code 503 unavailable} when it cannot be made now ({@link ThumbnailService}).
 */
@ApplicationScoped
public class ThumbnailAnswers {

    private static final String DEFAULT_SIZE = "256";

    @Inject
    ThumbnailService thumbnails;

    /** The {@code size} query parameter: 64, 256 or 1024, 256 when absent; anything else is {@code 400 invalid}. */
    public static ThumbnailSize size(String size) {
        try {
            return ThumbnailSize.ofPixels(Integer.parseInt((size == null ? DEFAULT_SIZE : size).trim())).orElseThrow();
        } catch (RuntimeException e) {
            throw new ProblemException(ProblemCode.INVALID, "size must be 64, 256 or 1024");
        }
    }

    public Response answer(FileInfo content, ThumbnailSize edge, String ifNoneMatch) {
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
