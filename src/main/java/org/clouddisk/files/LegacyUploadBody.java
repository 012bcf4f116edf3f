package org.clouddisk.files;

import org.clouddisk.web.InvalidRequestException;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The desktop client's upload body (PROTOCOL.md, "Legacy form"), parsed as it arrives: the first line is the
 * boundary, then part headers up to an empty line, then exactly the declared number of content bytes, then CRLF and
 * the boundary line again (with or without {@code --} and a final CRLF, which are not read).
 */
final class LegacyUploadBody implements UploadBody {

    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADER_LINES = 16;
    private static final int BUFFER = 64 * 1024;

    private final DeclaredUpload declared;
    private final InputStream in;
    private final byte[] ending;

    private LegacyUploadBody(DeclaredUpload declared, InputStream in, byte[] ending) {
        this.declared = declared;
        this.in = in;
        this.ending = ending;
    }

    /** Reads the body's head; the stream is left at the first content byte. */
    static LegacyUploadBody read(InputStream body, String headerToken, long maxBytes) throws IOException {
        InputStream in = new BufferedInputStream(body, BUFFER);
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
        if (params.get("size") == null) {
            throw new InvalidRequestException("no size");
        }
        var declared = DeclaredUpload.of(params, headerToken, params.get("filename"), params.get("size"), maxBytes);
        return new LegacyUploadBody(declared, in, ("\r\n" + boundary).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public DeclaredUpload declared() {
        return declared;
    }

    @Override
    public InputStream content() {
        return in;
    }

    @Override
    public void checkEnd() throws IOException {
        if (!Arrays.equals(ending, in.readNBytes(ending.length))) {
            throw new InvalidRequestException("the body does not end with its boundary after the declared size "
                    + declared.size());
        }
    }

    /** A header line, UTF-8, without its CRLF. */
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
}
