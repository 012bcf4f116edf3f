package org.clouddisk.files;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.clouddisk.platform.Settings;
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
 *
 * <p>With nginx in front and CLOUDDISK_ACCEL_REDIRECT set, the servlet only finds the file (404, 503, 304 as
 * ever) and answers with {@code X-Accel-Redirect: <prefix>/<file id>} and its headers; nginx then sends the bytes
 * from its internal location (nginx/accel-*.conf) and handles Range and HEAD itself. Only a request whose If-Range
 * is not the md5 is still streamed here, whole.
 */
@WebServlet("/download/*")
public class DownloadServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(DownloadServlet.class.getName());

    @Inject
    LivePlaces live;

    @Inject
    ContentStore store;

    @Inject
    Settings settings;

    /** The internal nginx location prefix, or null when this servlet streams the bytes itself. */
    private String accelRedirect;

    @Override
    public void init() {
        accelRedirect = settings.accelRedirect().orElse(null);
    }

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
            found = live.downloadable(fileId);
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
        resp.setHeader("Cache-Control", "public, max-age=31536000, immutable"); // content under an id never changes
        resp.setContentType(ServedMediaTypes.of(getServletContext().getMimeType(fileId)));
        resp.setHeader(ServedMediaTypes.NO_SNIFFING_HEADER, ServedMediaTypes.NO_SNIFFING);
        if (plan.status() == HttpServletResponse.SC_NOT_MODIFIED) {
            resp.setStatus(plan.status());
            return;
        }
        // An If-Range other than the md5 asks for the whole file (RFC 9110); a storage's HTTP server would compare
        // it with its own validators, so nginx is only handed the requests where Range applies as sent.
        String ifRange = req.getHeader("If-Range");
        if (accelRedirect != null && (ifRange == null || plan.etag().equals(ifRange))) {
            resp.setHeader("X-Accel-Redirect", accelRedirect + "/" + content.getFileId());
            return;
        }
        resp.setHeader("Accept-Ranges", "bytes");
        if (plan.contentRange() != null) {
            resp.setHeader("Content-Range", plan.contentRange());
        }
        if (plan.status() == HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE) {
            resp.sendError(plan.status());
            return;
        }
        resp.setStatus(plan.status());
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
