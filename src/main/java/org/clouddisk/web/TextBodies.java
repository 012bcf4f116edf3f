package org.clouddisk.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies that endpoints take as text (the JSON requests of both protocols): read as UTF-8 whatever the
 * Content-Type says (PROTOCOL.md ignores it; JSON is UTF-8), so an unknown charset is no error, and never more than
 * {@link JsonRequest#MAX_BODY} characters could take in UTF-8 and one more, so that a body of gigabytes is refused as
 * too long without being held in memory first. Streamed bodies (uploads) are not text and pass untouched.
 */
@Provider
public class TextBodies implements ReaderInterceptor {

    /** Four bytes at most per character: whatever is cut here decodes to more than the limit. */
    static final long MAX_BYTES = 4L * (JsonRequest.MAX_BODY + 1);

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (context.getType() == String.class) {
            context.setMediaType(MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8"));
            context.setInputStream(new Prefix(context.getInputStream(), MAX_BYTES));
        }
        return context.proceed();
    }

    /** The first bytes of a stream; the rest stays unread. */
    static final class Prefix extends InputStream {

        private final InputStream in;
        private long left;

        Prefix(InputStream in, long bytes) {
            this.in = in;
            this.left = bytes;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }
}
