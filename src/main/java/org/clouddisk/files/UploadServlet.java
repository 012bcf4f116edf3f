package org.clouddisk.files;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.MultipartConfig;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import org.clouddisk.account.AccountService;
import org.clouddisk.account.TokenRejectedException;
import org.clouddisk.platform.Code;
import org.clouddisk.platform.Conflicts;
import org.clouddisk.platform.Dialect;
import org.clouddisk.platform.Settings;
import org.clouddisk.storage.ContentStore;
import org.clouddisk.web.ClientRequests;
import org.clouddisk.web.FileNames;
import org.clouddisk.web.InvalidRequestException;
import org.clouddisk.web.Reply;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POST /upload, in both body forms of PROTOCOL.md. The content streams from the request into the content store
 * while its MD5 and size are computed; only when both match the declared ones is a row written. On any failure
 * the stored content is deleted again: a failed upload leaves no row and no file.
 *
 * <p>Legacy bodies (the desktop client's; any Content-Type) are parsed here as they arrive, without spooling:
 * exactly the declared number of bytes goes to the store, then the closing boundary must follow.
 * Standard multipart/form-data goes through the container's parser, which spools large parts to disk
 * (fileSizeThreshold), so memory use never grows with the file size either way.
 *
 * <p>An upload acts for its user with that user's token; in the classic dialect, whose client sends none, with the
 * single-use permit its /md5 question earned ({@link UploadPermits}).
 */
@WebServlet("/upload")
@MultipartConfig(fileSizeThreshold = 1024 * 1024)
public class UploadServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(UploadServlet.class.getName());
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADER_LINES = 16;
    private static final int MAX_FIELD = 1024;
    private static final int BUFFER = 64 * 1024;
    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    AccountService accounts;

    @Inject
    FileService files;

    @Inject
    ContentStore store;

    @Inject
    Settings settings;

    @Inject
    UploadMetrics metrics;

    @Inject
    UploadPermits permits;

    @Inject
    ClientRequests clients;

    @EJB
    ContentDeletions deletions;

    /** What the client declared about the file it sends. */
    private record Declared(String user, String token, String md5, String fileName, long size) {
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Code code;
        try {
            Dialect dialect = clients.dialect(req);
            code = isStandardMultipart(req) ? receiveStandard(req, dialect) : receiveLegacy(req, dialect);
        } catch (TokenRejectedException e) {
            code = Code.TOKEN_INVALID;
        } catch (InvalidRequestException e) {
            LOG.log(Level.INFO, "upload refused: {0}", e.getMessage());
            code = Code.UPLOAD_FAILED;
        } catch (IOException | ServletException | RuntimeException e) {
            LOG.log(Level.WARNING, "upload failed", e);
            code = Code.UPLOAD_FAILED;
        }
        if (code == Code.UPLOAD_FAILED) {
            metrics.failed();
        }
        resp.setContentType(Reply.JSON);
        resp.getWriter().write(JSON.toJson(new Reply.CodeBody(code.wire())));
    }

    private static boolean isStandardMultipart(HttpServletRequest req) {
        String type = req.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                && type.toLowerCase(Locale.ROOT).contains("boundary=");
    }

    private Code receiveStandard(HttpServletRequest req, Dialect dialect) throws IOException, ServletException {
        Part file = null;
        Map<String, String> fields = new java.util.HashMap<>();
        for (Part part : req.getParts()) {
            if (part.getSubmittedFileName() != null) {
                if (file == null || "file".equals(part.getName())) {
                    file = part;
                }
            } else {
                fields.put(part.getName(), field(part));
            }
        }
        if (file == null) {
            throw new InvalidRequestException("no file part");
        }
        // A legacy-style part carries its parameters in its own Content-Disposition.
        Map<String, String> inPart = DispositionParameters.parse(Optional.ofNullable(
                file.getHeader("Content-Disposition")).orElse(""));
        inPart.forEach(fields::putIfAbsent);
        String declaredSize = fields.get("size");
        if (declaredSize != null && parseSize(declaredSize) != file.getSize()) {
            throw new InvalidRequestException("declared size " + declaredSize + ", received " + file.getSize());
        }
        // Undertow ends a quoted filename at the first quote, escaped or not ("a\"b.txt" -> a\): read it from the
        // part's header as a quoted-string instead, leaving only RFC 5987 filename* to the container.
        String fileName = inPart.containsKey("filename") && !inPart.containsKey("filename*")
                ? inPart.get("filename") : file.getSubmittedFileName();
        var declared = declared(req, fields, fileName, Long.toString(file.getSize()));
        try (InputStream content = file.getInputStream()) {
            return receive(declared, dialect, content, null);
        } finally {
            file.delete();
        }
    }

    private Code receiveLegacy(HttpServletRequest req, Dialect dialect) throws IOException {
        InputStream in = new BufferedInputStream(req.getInputStream(), BUFFER);
        String boundary = readLine(in);
        if (boundary.isBlank()) {
            throw new InvalidRequestException("the body does not start with a boundary line");
        }
        Map<String, String> params = Map.of();
        for (int i = 0; ; i++) {
            String line = readLine(in);
            if (line.isEmpty()) {
                break;
            }
            if (i >= MAX_HEADER_LINES) {
                throw new InvalidRequestException("too many part headers");
            }
            if (line.regionMatches(true, 0, "content-disposition:", 0, 20)) {
                params = DispositionParameters.parse(line);
            }
        }
        var declared = declared(req, params, params.get("filename"), params.get("size"));
        // The content is exactly the declared size; the closing boundary must follow it.
        return receive(declared, dialect, in, ("\r\n" + boundary).getBytes(StandardCharsets.UTF_8));
    }

    private Declared declared(HttpServletRequest req, Map<String, String> fields, String fileName, String size) {
        String user = fields.get("user");
        if (user == null || user.isEmpty() || user.length() > 32) {
            throw new InvalidRequestException("no user");
        }
        String token = Optional.ofNullable(fields.get("token")).orElse(req.getHeader("Token"));
        if (token != null && token.isEmpty()) {
            token = null;
        }
        String md5 = fields.getOrDefault("md5", "");
        if (!md5.matches("[0-9a-fA-F]{32}")) {
            throw new InvalidRequestException("md5 is not 32 hex digits");
        }
        if (!FileNames.isValid(fileName)) {
            throw new InvalidRequestException("bad file name");
        }
        if (size == null) {
            throw new InvalidRequestException("no size");
        }
        return new Declared(user, token, md5.toLowerCase(Locale.ROOT), fileName, parseSize(size));
    }

    private long parseSize(String size) {
        try {
            long n = Long.parseLong(size.trim());
            if (n < 0 || n > settings.maxUploadBytes()) {
                throw new InvalidRequestException("size " + n + " is outside 0.." + settings.maxUploadBytes());
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("size is not a number");
        }
    }

    /**
     * Authorises the upload, then stores, checks and records its content; a permit claimed for it goes back
     * when that fails.
     *
     * @param trailer what must follow the content in a legacy body (CRLF and the boundary line); null for a
     *                standard multipart part, whose end the container found
     */
    private Code receive(Declared d, Dialect dialect, InputStream content, byte[] trailer) throws IOException {
        var subject = new UploadPermits.Subject(d.user(), d.md5(), d.fileName());
        Optional<Instant> permit = authorise(d, dialect, subject);
        try {
            return store(d, content, trailer);
        } catch (IOException | RuntimeException e) {
            permit.ifPresent(expires -> restore(subject, expires));
            throw e;
        }
    }

    /**
     * Checks that the upload acts for its user: by token, or, for a classic client without one, by claiming the
     * upload's permit (answered, when there is one, with its expiry).
     */
    private Optional<Instant> authorise(Declared d, Dialect dialect, UploadPermits.Subject subject) {
        if (d.token() != null || dialect != Dialect.CLASSIC) {
            accounts.requireToken(d.user(), d.token());
            return Optional.empty();
        }
        Optional<Instant> permit = permits.claim(subject);
        if (permit.isEmpty()) {
            LOG.info(() -> "token-less upload for " + d.user() + " refused: no upload permit for " + d.md5());
            throw new TokenRejectedException();
        }
        return permit;
    }

    private void restore(UploadPermits.Subject subject, Instant expires) {
        try {
            permits.restore(subject, expires);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not give back the upload permit of a failed upload: {0}", e.toString());
        }
    }

    /** Streams the content into the store through its digest, checks size, boundary and MD5, and records it. */
    private Code store(Declared d, InputStream content, byte[] trailer) throws IOException {
        MessageDigest md5 = newMd5();
        String fileId = store.store(new DigestInputStream(content, md5), d.size(), storeExtension(d.fileName()));
        UploadOutcome outcome;
        try {
            if (trailer != null && !Arrays.equals(trailer, content.readNBytes(trailer.length))) {
                throw new InvalidRequestException("the body does not end with its boundary after the declared size "
                        + d.size());
            }
            String actual = HexFormat.of().formatHex(md5.digest());
            if (!actual.equals(d.md5())) {
                throw new InvalidRequestException("declared md5 " + d.md5() + ", received " + actual);
            }
            outcome = Conflicts.retry(() -> files.recordUpload(d.user(), d.md5(), d.fileName(), d.size(), fileId));
        } catch (IOException | RuntimeException e) {
            discardUnlessRecorded(fileId, d.md5());
            throw e;
        }
        if (outcome != UploadOutcome.NEW_CONTENT) {
            discard(fileId, d.md5()); // the server already held this content: the fresh copy is redundant
        }
        metrics.uploaded(outcome, d.size());
        return Code.UPLOADED;
    }

    /**
     * After a failed recording: a commit whose answer was lost may still have recorded the row, so the copy goes
     * only when no row references it; when that cannot be known (database down) it stays, and the reconciliation
     * reports it if nothing references it. A missing content would be worse than an orphan.
     */
    private void discardUnlessRecorded(String fileId, String md5) {
        try {
            if (files.content(fileId).isPresent()) {
                LOG.warning(() -> "the upload's recording failed after it committed; keeping " + fileId);
                return;
            }
        } catch (RuntimeException unknown) {
            LOG.log(Level.SEVERE, "cannot tell whether content " + fileId + " was recorded; keeping it", unknown);
            return;
        }
        discard(fileId, md5);
    }

    /** Deletes a copy no row references; when the store cannot take it now, the deletion is retried later. */
    private void discard(String fileId, String md5) {
        try {
            store.delete(fileId);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not delete unreferenced content {0} now, scheduling it: {1}",
                    new Object[]{fileId, e.toString()});
            try {
                deletions.scheduleNow(fileId, md5);
            } catch (RuntimeException notRecorded) {
                LOG.log(Level.SEVERE, "content " + fileId + " is left in the store unreferenced", notRecorded);
            }
        }
    }

    /** FastDFS keeps at most 6 characters of extension; longer ones are left off the file id (not the type). */
    private static String storeExtension(String fileName) {
        String type = FileNames.type(fileName);
        return type.length() <= 6 ? type : "";
    }

    private static String field(Part part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD + 1);
            if (bytes.length > MAX_FIELD) {
                throw new InvalidRequestException("form field " + part.getName() + " is too long");
            }
            return new String(bytes, StandardCharsets.UTF_8).trim();
        }
    }

    /** A header line of a legacy body, UTF-8, without its CRLF. */
    private static String readLine(InputStream in) throws IOException {
        var line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new InvalidRequestException("the body ended inside its headers");
            }
            if (line.size() >= MAX_HEADER_LINE) {
                throw new InvalidRequestException("header line too long");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
