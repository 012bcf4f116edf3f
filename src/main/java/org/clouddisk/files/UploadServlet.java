package org.clouddisk.files;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.clouddisk.account.TokenRejectedException;
import org.clouddisk.platform.Code;
import org.clouddisk.platform.Dialect;
import org.clouddisk.platform.Settings;
import org.clouddisk.web.ClientRequests;
import org.clouddisk.web.InvalidRequestException;
import org.clouddisk.web.Reply;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POST /upload, in both body forms of PROTOCOL.md: reads the body's declarations ({@link LegacyUploadBody} for the
 * desktop client's form, {@link MultipartUploadBody} for standard multipart), hands the rest to
 * {@link UploadReceiver}, and answers 008, 009 or 111. Both forms stream: memory never grows with the file size,
 * and the token is checked before the first content byte is read.
 *
 * <p>{@code @MultipartConfig} stays for the container's sake; the body is never handed to the container's
 * multipart parser, which would spool the whole file before the token could be checked.
 */
@WebServlet("/upload")
@MultipartConfig
public class UploadServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(UploadServlet.class.getName());
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    UploadReceiver receiver;

    @Inject
    ClientRequests clients;

    @Inject
    Settings settings;

    @Inject
    UploadMetrics metrics;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Code code;
        Dialect dialect = clients.dialect(req);
        try (UploadBody body = MultipartUploadBody.isMultipart(req)
                ? MultipartUploadBody.read(req, settings.maxUploadBytes())
                : LegacyUploadBody.read(req.getInputStream(), req.getHeader("Token"), settings.maxUploadBytes())) {
            receiver.receive(body, dialect);
            code = Code.UPLOADED;
        } catch (TokenRejectedException e) {
            code = Code.TOKEN_INVALID;
        } catch (InvalidRequestException | QuotaExceededException e) {
            LOG.log(Level.INFO, "upload refused: {0}", e.getMessage());
            code = Code.UPLOAD_FAILED;
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "upload failed", e);
            code = Code.UPLOAD_FAILED;
        }
        if (code == Code.UPLOAD_FAILED) {
            metrics.failed();
        }
        resp.setContentType(Reply.JSON);
        resp.getWriter().write(JSON.toJson(new Reply.CodeBody(code.wire(dialect))));
    }
}
