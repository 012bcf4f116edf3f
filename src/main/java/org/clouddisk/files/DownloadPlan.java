package org.clouddisk.files;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a GET or HEAD of a content answers, whoever serves it (the download URLs, the API's node content): the
 * status, the ETag (the md5), and the one byte range to send, from the request's Range, If-Range and
 * If-None-Match headers (RFC 9110). Several ranges or a malformed Range header get the whole content, as RFC 9110
 * allows.
 *
 * @param status        200, 206, 304 or 416
 * @param offset        the first byte to send
 * @param length        how many bytes to send (the Content-Length of a 200 or 206)
 * @param contentRange  the Content-Range header of a 206 or 416, else null
 */
public record DownloadPlan(int status, String etag, long offset, long length, String contentRange) {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    public static DownloadPlan of(FileInfo content, String range, String ifRange, String ifNoneMatch) {
        long size = content.getSize();
        String etag = '"' + content.getMd5() + '"';
        if (etag.equals(ifNoneMatch)) {
            return new DownloadPlan(304, etag, 0, 0, null);
        }
        if (range != null && (ifRange == null || etag.equals(ifRange))) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                long[] span = span(m, size);
                if (span == null) {
                    return new DownloadPlan(416, etag, 0, 0, "bytes */" + size);
                }
                return new DownloadPlan(206, etag, span[0], span[1] - span[0] + 1,
                        "bytes " + span[0] + "-" + span[1] + "/" + size);
            }
        }
        return new DownloadPlan(200, etag, 0, size, null);
    }

    /** Whether there are bytes to send (a 200 or 206 of a non-empty content). */
    public boolean hasBody() {
        return (status == 200 || status == 206) && length > 0;
    }

    /** [first, last] of a single range, or null when unsatisfiable. */
    private static long[] span(Matcher m, long size) {
        try {
            if (m.group(1).isEmpty()) { // bytes=-N: the last N bytes
                long n = Long.parseLong(m.group(2));
                return n == 0 || size == 0 ? null : new long[]{Math.max(0, size - n), size - 1};
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            return first >= size || last < first ? null : new long[]{first, last};
        } catch (NumberFormatException e) {
            return null; // beyond a long: certainly past the end
        }
    }
}
