package org.clouddisk.drive;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The Content-Disposition of a download: an ASCII fallback name and the exact name in RFC 8187 form. */
final class ContentDisposition {

    private ContentDisposition() {
    }

    static String attachment(String name) {
        StringBuilder fallback = new StringBuilder();
        name.codePoints().forEach(c -> {
            if (c == '"' || c == '\\') {
                fallback.append('\\').append((char) c);
            } else {
                fallback.append(c >= 0x20 && c < 0x7f ? (char) c : '_');
            }
        });
        String exact = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + exact;
    }
}
