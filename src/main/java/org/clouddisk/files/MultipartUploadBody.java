package org.clouddisk.files;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.clouddisk.web.InvalidRequestException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A standard multipart/form-data upload (browsers, {@code curl -F}), parsed as it arrives with Commons FileUpload's
 * streaming API instead of the container's parser, which would spool the whole file to disk before anybody could
 * look at the token. The fields come before the file part (every client does so); the first part with a file name
 * is the file. Only a file whose size was not declared is spooled, because the content store must know the size
 * before the first byte, and only once the upload is authorised ({@link #learnSize()}).
 */
final class MultipartUploadBody implements UploadBody {

    private static final int MAX_FIELD = 1024;
    private static final int MAX_FIELDS = 32;

    private final Path spoolDir;
    private final long maxBytes;
    private DeclaredUpload declared;
    private InputStream content;
    private Path spool;

    private MultipartUploadBody(DeclaredUpload declared, InputStream content, Path spoolDir, long maxBytes) {
        this.declared = declared;
        this.content = content;
        this.spoolDir = spoolDir;
        this.maxBytes = maxBytes;
    }

    static boolean isMultipart(HttpServletRequest req) {
        String type = req.getContentType();
        return type != null && JakartaServletFileUpload.isMultipartContent(req) && type.contains("boundary=");
    }

    /** Reads the fields and the file part's headers; the content is next. */
    static MultipartUploadBody read(HttpServletRequest req, long maxBytes) throws IOException {
        FileItemInputIterator parts = new JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory>().getItemIterator(req);
        Map<String, String> fields = new HashMap<>();
        while (parts.hasNext()) {
            FileItemInput part = parts.next();
            if (part.isFormField()) {
                if (fields.size() >= MAX_FIELDS) {
                    throw new InvalidRequestException("too many form fields");
                }
                fields.putIfAbsent(part.getFieldName(), field(part));
                continue;
            }
            // A legacy-style part carries its parameters in its own Content-Disposition.
            Map<String, String> inPart = DispositionParameters.parse(
                    Optional.ofNullable(part.getHeaders().getHeader("Content-Disposition")).orElse(""));
            inPart.forEach(fields::putIfAbsent);
            // Read a quoted filename as a quoted-string ("a\"b.txt"); RFC 5987 filename* is the parser's to decode.
            String fileName = inPart.containsKey("filename") && !inPart.containsKey("filename*")
                    ? inPart.get("filename") : part.getName();
            var declared = DeclaredUpload.of(fields, fallbackToken(req), fileName, fields.get("size"), maxBytes);
            return new MultipartUploadBody(declared, part.getInputStream(), tempDir(req), maxBytes);
        }
        throw new InvalidRequestException("no file part");
    }

    /** Without a token field before the file: the header {@code Token}, or {@code ?token=} in the query. */
    private static String fallbackToken(HttpServletRequest req) {
        String header = req.getHeader("Token");
        if (header != null || req.getQueryString() == null) {
            return header;
        }
        // Not req.getParameter: on a multipart request the container would parse (and spool) the body for it.
        for (String pair : req.getQueryString().split("&")) {
            if (pair.startsWith("token=")) {
                return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** A file part without its size is spooled to learn it (the store needs the size before the first byte). */
    @Override
    public void learnSize() throws IOException {
        if (declared.size() != DeclaredUpload.UNKNOWN_SIZE) {
            return;
        }
        spool = Files.createTempFile(spoolDir, "upload-", ".spool");
        try (var out = Files.newOutputStream(spool)) {
            byte[] buffer = new byte[64 * 1024];
            for (long size = 0, n; (n = content.read(buffer)) >= 0; size += n) {
                if (size + n > maxBytes) {
                    throw new InvalidRequestException("the file is larger than " + maxBytes + " bytes");
                }
                out.write(buffer, 0, (int) n);
            }
        }
        declared = declared.withSize(Files.size(spool));
        content = Files.newInputStream(spool);
    }

    private static Path tempDir(HttpServletRequest req) {
        return ((File) req.getServletContext().getAttribute(ServletContext.TEMPDIR)).toPath();
    }

    private static String field(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD + 1);
            if (bytes.length > MAX_FIELD) {
                throw new InvalidRequestException("form field " + part.getFieldName() + " is too long");
            }
            return new String(bytes, StandardCharsets.UTF_8).trim();
        }
    }

    @Override
    public DeclaredUpload declared() {
        return declared;
    }

    @Override
    public InputStream content() {
        return content;
    }

    @Override
    public void checkEnd() throws IOException {
        if (content.read() >= 0) {
            throw new InvalidRequestException("the file part is longer than its declared size " + declared.size());
        }
    }

    @Override
    public void close() throws IOException {
        if (spool != null) {
            content.close();
            Files.deleteIfExists(spool);
        }
    }
}
