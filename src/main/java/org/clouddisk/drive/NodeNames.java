package org.clouddisk.drive;

import org.clouddisk.web.FileNames;
import org.clouddisk.web.InvalidRequestException;

/**
 * Names the v2 API gives to nodes (API.md): 1..255 characters, no control characters, no {@code /}, not {@code .}
 * or {@code ..}. (The seed's protocol keeps accepting any label for the files it adds.)
 */
public final class NodeNames {

    private NodeNames() {
    }

    public static String requireValid(String name) {
        if (!FileNames.isValid(name) || name.contains("/") || name.equals(".") || name.equals("..")) {
            throw new InvalidRequestException("a name is 1 to 255 characters without control characters or '/',"
                    + " and not '.' or '..'");
        }
        return name;
    }

    /**
     * The name with {@code " (n)"} before its extension ({@code a.txt} → {@code a (1).txt}; a leading dot starts no
     * extension), its stem shortened when the result would pass 255 characters.
     */
    static String numbered(String name, int n) {
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String suffix = " (" + n + ")" + (dot > 0 ? name.substring(dot) : "");
        int room = FileNames.MAX_LENGTH - suffix.codePointCount(0, suffix.length());
        if (stem.codePointCount(0, stem.length()) > room) {
            stem = stem.substring(0, stem.offsetByCodePoints(0, Math.max(room, 0)));
        }
        return stem + suffix;
    }
}
