package org.clouddisk.files;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.clouddisk.storage.ContentMissingException;
import org.clouddisk.storage.ContentStore;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Serves the download URLs of the lists ({@code /<group>/M00/...}, rewritten to /download/... by
 * WEB-INF/undertow-handlers.conf) from the content store: GET and HEAD, one byte range (206 / 416), ETag = md5.
 * The bytes stream from the store to the client; nothing is buffered whole.
 */
@WebServlet("/download/*")
public class DownloadServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(DownloadServlet.class.getName());

    @Inject
    FileService files;

    @Inject
    ContentStore store;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, false);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean withBody) throws IOException {
        String fileId = Optional.ofNullable(req.getPathInfo()).map(p -> p.substring(1)).orElse("");
        Optional<FileInfo> found;
        try {
            found = files.downloadable(fileId);
        } catch (RuntimeException e) {
            // the database failed (connection lost, pool exhausted): a passing condition, not a server error
            LOG.warning(() -> "download of " + fileId + " refused, the database is unavailable: " + e);
            resp.setHeader("Retry-After", "5");
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        if (found.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        FileInfo content = found.get();
        DownloadPlan plan = DownloadPlan.of(content, req.getHeader("Range"), req.getHeader("If-Range"),
                req.getHeader("If-None-Match"));
        resp.setHeader("ETag", plan.etag());
        resp.setHeader("Accept-Ranges", "bytes");
        resp.setHeader("Cache-Control", "public, max-age=31536000, immutable"); // content under an id never changes
        String mime = getServletContext().getMimeType(fileId);
        resp.setContentType(mime != null ? mime : "application/octet-stream");
        if (plan.contentRange() != null) {
            resp.setHeader("Content-Range", plan.contentRange());
        }
        if (plan.status() == HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE) {
            resp.sendError(plan.status());
            return;
        }
        resp.setStatus(plan.status());
        if (plan.status() == HttpServletResponse.SC_NOT_MODIFIED) {
            return;
        }
        resp.setContentLengthLong(plan.length());
        if (!withBody || !plan.hasBody()) {
            return;
        }
        try {
            store.read(content.getFileId(), plan.offset(), plan.length(), resp.getOutputStream());
        } catch (ContentMissingException e) {
            LOG.warning(() -> "file_info row without content in the store: " + fileId);
            if (!resp.isCommitted()) {
                resp.reset();
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "download of " + fileId + " ended early", e);
            if (!resp.isCommitted()) {
                resp.reset();
                resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            }
        }
    }
}
