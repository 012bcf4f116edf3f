package org.clouddisk.files;

import java.util.Set;

/**
 * The media type a file's bytes are served with, to the seed's URLs and the v2 API alike: the type its name gives
 * when browsers only display such content (images but SVG, audio, video, plain text, PDF), else
 * {@code application/octet-stream}. Anybody may upload a page, an SVG or a script; served as such from the site's
 * own origin, it would run with the session of whoever opens its URL. {@link #NO_SNIFFING} keeps browsers from
 * guessing a type of their own.
 */
public final class ServedMediaTypes {

    /** The header and value that forbid browsers to sniff another type than the one served. */
    public static final String NO_SNIFFING_HEADER = "X-Content-Type-Options";
    public static final String NO_SNIFFING = "nosniff";

    private static final String BYTES = "application/octet-stream";
    private static final Set<String> DISPLAYED = Set.of("text/plain", "application/pdf");
    private static final String SVG = "image/svg+xml";

    private ServedMediaTypes() {
    }

    /** What to serve content of this name's media type (null: unknown) with. */
    public static String of(String mediaType) {
        if (mediaType == null) {
            return BYTES;
        }
        String type = mediaType.toLowerCase(java.util.Locale.ROOT);
        boolean displayed = DISPLAYED.contains(type) || type.startsWith("audio/") || type.startsWith("video/")
                || type.startsWith("image/") && !type.equals(SVG);
        return displayed ? mediaType : BYTES;
    }
}
