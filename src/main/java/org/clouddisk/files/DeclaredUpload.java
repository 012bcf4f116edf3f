package org.clouddisk.files;

import org.clouddisk.web.FileNames;
import org.clouddisk.web.InvalidRequestException;

import java.util.Locale;
import java.util.Map;

/**
 * What a client declared about the file it uploads, read before any of its bytes and checked against them after.
 *
 * @param token the user's token, or null when the request carries none
 * @param size  the declared size in bytes, or {@link #UNKNOWN_SIZE} (multipart without a size field)
 */
record DeclaredUpload(String user, String token, String md5, String fileName, long size) {

    static final long UNKNOWN_SIZE = -1;

    /**
     * Validates the declared fields ({@code user}, {@code token}, {@code md5}) of an upload; anything missing or
     * malformed is an {@link InvalidRequestException}.
     *
     * @param size the declared size as sent, or null when none was
     */
    static DeclaredUpload of(Map<String, String> fields, String fallbackToken, String fileName, String size, long maxBytes) {
        String user = fields.get("user");
        if (user == null || user.isEmpty() || user.length() > 32) {
            throw new InvalidRequestException("no user");
        }
        String token = fields.getOrDefault("token", fallbackToken);
        String md5 = fields.getOrDefault("md5", "");
        if (!md5.matches("[0-9a-fA-F]{32}")) {
            throw new InvalidRequestException("md5 is not 32 hex digits");
        }
        if (!FileNames.isValid(fileName)) {
            throw new InvalidRequestException("bad file name");
        }
        return new DeclaredUpload(user, token == null || token.isEmpty() ? null : token,
                md5.toLowerCase(Locale.ROOT), fileName, size == null ? UNKNOWN_SIZE : parseSize(size, maxBytes));
    }

    static long parseSize(String size, long maxBytes) {
        try {
            long n = Long.parseLong(size.trim());
            if (n < 0 || n > maxBytes) {
                throw new InvalidRequestException("size " + n + " is outside 0.." + maxBytes);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("size is not a number");
        }
    }

    DeclaredUpload withSize(long knownSize) {
        return new DeclaredUpload(user, token, md5, fileName, knownSize);
    }

    UploadPermits.Subject permitSubject() {
        return new UploadPermits.Subject(user, md5, fileName);
    }
}
