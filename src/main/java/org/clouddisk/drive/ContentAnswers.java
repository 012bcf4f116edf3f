package org.clouddisk.drive;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.clouddisk.files.DownloadPlan;
import org.clouddisk.files.ServedMediaTypes;
import org.clouddisk.storage.ContentStore;

/**
 * The answer to a GET or HEAD of a file's content through the v2 API, whoever asks (the owner at
 * /api/v2/nodes/{id}/content, anybody through a share link): one Range at most (206 / 416), ETag = md5, 304 on a
 * matching If-None-Match, the name in Content-Disposition; the bytes stream from the store after the answer starts.
 */
public final class ContentAnswers {

    private ContentAnswers() {
    }

    /** What the request's Range, If-Range and If-None-Match ask of this file. */
    public static DownloadPlan plan(DriveService.FileContent file, HttpHeaders headers) {
        return DownloadPlan.of(file.content(), headers.getHeaderString("Range"), headers.getHeaderString("If-Range"),
                headers.getHeaderString(HttpHeaders.IF_NONE_MATCH));
    }

    /**
     * The answer of the plan, with the bytes when {@code withBody} (GET) and the plan has any.
     *
     * @param mime the file name's media type, or null (served as {@link ServedMediaTypes} says)
     */
    public static Response answer(DriveService.FileContent file, DownloadPlan plan, boolean withBody, String mime,
                                  ContentStore store) {
        Response.ResponseBuilder answer = Response.status(plan.status())
                .header(HttpHeaders.ETAG, plan.etag())
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment(file.name()))
                .header("Content-Range", plan.contentRange())
                .header(ServedMediaTypes.NO_SNIFFING_HEADER, ServedMediaTypes.NO_SNIFFING)
                .type(ServedMediaTypes.of(mime));
        if (plan.status() == 200 || plan.status() == 206) {
            answer.header(HttpHeaders.CONTENT_LENGTH, plan.length());
        }
        if (withBody && plan.hasBody()) {
            String fileId = file.content().getFileId();
            answer.entity((StreamingOutput) out -> store.read(fileId, plan.offset(), plan.length(), out));
        }
        return answer.build();
    }

    /** Whether this answer sends a download from its first byte: the request that counts a download, once. */
    public static boolean startsADownload(DownloadPlan plan) {
        return plan.hasBody() && plan.offset() == 0;
    }
}
