package org.clouddisk.uploads;

import org.clouddisk.drive.NodeNames;
import org.clouddisk.web.InvalidRequestException;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * tus's Upload-Metadata header: comma-separated pairs {@code key base64(value)}, keys unique, ASCII without spaces
 * or commas, a value may be left out. CloudDisk reads {@code name} (required), {@code parent} (a folder id, default
 * {@code root}) and {@code md5} (optional, 32 hex digits); other keys (tus clients add their own) are ignored.
 */
record UploadMetadata(String name, String parent, String md5) {

    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E&&[^,]]+");
    private static final Pattern MD5 = Pattern.compile("[0-9a-fA-F]{32}");
    private static final int MAX_HEADER = 8192;

    static UploadMetadata parse(String header) {
        if (header == null || header.isBlank()) {
            throw new InvalidRequestException("Upload-Metadata must name the file: name <base64 of the name>");
        }
        if (header.length() > MAX_HEADER) {
            throw new InvalidRequestException("Upload-Metadata is longer than " + MAX_HEADER + " characters");
        }
        Map<String, String> pairs = new HashMap<>();
        for (String pair : header.split(",", -1)) {
            String[] parts = pair.trim().split(" ", -1);
            if (parts.length > 2 || !KEY.matcher(parts[0]).matches()) {
                throw new InvalidRequestException("Upload-Metadata pairs are 'key base64value', comma-separated");
            }
            if (pairs.put(parts[0], parts.length == 2 ? decode(parts[0], parts[1]) : "") != null) {
                throw new InvalidRequestException("Upload-Metadata names '" + parts[0] + "' twice");
            }
        }
        String name = NodeNames.requireValid(pairs.get("name"));
        String parent = pairs.getOrDefault("parent", "root");
        String md5 = pairs.get("md5");
        if (md5 != null && !MD5.matcher(md5).matches()) {
            throw new InvalidRequestException("md5 must be 32 hex digits");
        }
        return new UploadMetadata(name, parent.isEmpty() ? "root" : parent,
                md5 == null ? null : md5.toLowerCase(Locale.ROOT));
    }

    /** Strict base64 (RFC 4648, padding as sent) of UTF-8 text. */
    private static String decode(String key, String value) {
        try {
            byte[] bytes = Base64.getDecoder().decode(value);
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw new InvalidRequestException("Upload-Metadata value of '" + key + "' is not base64 of UTF-8 text");
        }
    }
}
